import { setTimeout as delay } from 'node:timers/promises';
import type { Document } from 'bson';
import { CommandError } from '../errors';
import { checkReadConcernOutsideTransaction, parseReadConcern, readViewFor } from '../replica/read-concern';
import { abortOpen, resolveTransaction, type LogicalSession } from '../sessions/sessions';
import type { WriteTxn } from '../storage/api';
import type { ConnectionInfo } from '../wire/server';
import { COMMANDS, TRANSACTION_CONTROL } from './table';
import type { CommandCall, CommandSpec, EngineState } from './types';

/** About MongoDB's 60 s transaction lifetime: a write blocked by an open transaction waits that long at most. */
const AUTOCOMMIT_RETRIES = 300;
const RETRY_WAIT_MS = 200;

function errorReply(error: unknown, state: EngineState, name: string): Document {
  if (error instanceof CommandError) return error.toReply();
  state.log(
    `command ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  const message = error instanceof Error ? error.message : String(error);
  return { ok: 0, errmsg: message, code: 1, codeName: 'InternalError' };
}

function isWriteConflict(error: unknown): boolean {
  return error instanceof CommandError && error.codeName === 'WriteConflict';
}

/** Runs an autocommit write in its own transaction, committed (durable) before the reply; conflicts retry. */
async function runAutocommit(spec: CommandSpec & { access: 'write' }, call: CommandCall): Promise<Document> {
  for (let attempt = 0; ; attempt++) {
    const txn = call.state.storage.begin();
    try {
      const reply = spec.run(call, txn);
      await txn.commit();
      return reply;
    } catch (error) {
      if (txn.active) txn.abort();
      if (!isWriteConflict(error) || attempt >= AUTOCOMMIT_RETRIES) throw error;
      // Like MongoDB, a write held up by an open transaction waits for it instead of failing.
      await Promise.race([call.state.storage.whenTransactionEnds(), delay(RETRY_WAIT_MS)]);
    }
  }
}

async function runInTransaction(spec: CommandSpec, call: CommandCall, txn: WriteTxn): Promise<Document> {
  if (spec.access === 'none') return spec.run(call);
  return spec.run(call, txn);
}

function failsTransaction(reply: Document): boolean {
  return reply.ok !== 1 || Array.isArray(reply.writeErrors);
}

async function execute(
  spec: CommandSpec,
  call: CommandCall,
  session: LogicalSession | undefined,
): Promise<Document> {
  if (call.txn && session) {
    try {
      const reply = await runInTransaction(spec, call, call.txn);
      if (failsTransaction(reply)) abortOpen(session);
      return reply;
    } catch (error) {
      abortOpen(session);
      throw error;
    }
  }
  const concern = parseReadConcern(call.body);
  checkReadConcernOutsideTransaction(call.name, concern);
  if (spec.access === 'none') return spec.run(call);
  if (spec.access === 'write') return runAutocommit(spec, call);
  const { view, snapshotTime } = readViewFor(call.state.storage, call.state.clock, concern);
  const reply = spec.run(call, view);
  if (snapshotTime) {
    // A snapshot read tells the client its time, so the session's next reads use the same snapshot.
    if (typeof reply.cursor === 'object' && reply.cursor !== null) {
      (reply.cursor as Document).atClusterTime = snapshotTime;
    } else reply.atClusterTime = snapshotTime;
  }
  return reply;
}

/** One member cannot acknowledge a write for more than one: MongoDB answers a write concern error. */
function unsatisfiableWriteConcern(body: Document, reply: Document): void {
  const concern: unknown = body.writeConcern;
  if (typeof concern !== 'object' || concern === null) return;
  const w: unknown = (concern as Document).w;
  if (typeof w === 'number' && w > 1 && reply.ok === 1) {
    reply.writeConcernError = {
      code: 100,
      codeName: 'UnsatisfiableWriteConcern',
      errmsg: 'Not enough data-bearing nodes',
      errInfo: { writeConcern: concern },
    };
  }
}

/** Every reply carries the time of the state it reflects and gossips the cluster time, as a replica set does. */
function stampClusterTime(state: EngineState, reply: Document): Document {
  const time = state.clock.observe(state.storage.committedSeq);
  reply.operationTime = time;
  reply.$clusterTime = state.clock.gossip(time);
  return reply;
}

/** Answers one command document with MongoDB's reply shape; failures become `ok: 0` replies. */
export async function dispatch(
  state: EngineState,
  body: Document,
  connection: ConnectionInfo,
): Promise<Document> {
  const name = Object.keys(body)[0] ?? '';
  const spec = COMMANDS.get(name);
  if (!spec) {
    return { ok: 0, errmsg: `no such command: '${name}'`, code: 59, codeName: 'CommandNotFound' };
  }
  try {
    const db = typeof body.$db === 'string' && body.$db.length > 0 ? body.$db : 'admin';
    const session = body.lsid !== undefined ? state.sessions.touch(body.lsid) : undefined;
    const txn =
      session && !TRANSACTION_CONTROL.has(name)
        ? resolveTransaction(state.storage, session, body)
        : undefined;
    const call: CommandCall = { name, body, db, connection, state, session, txn };
    const reply = await execute(spec, call, session);
    if (!('ok' in reply)) reply.ok = 1;
    unsatisfiableWriteConcern(body, reply);
    return stampClusterTime(state, reply);
  } catch (error) {
    return stampClusterTime(state, errorReply(error, state, name));
  }
}
