import { setTimeout as delay } from 'node:timers/promises';
import { Long, ObjectId, type Document } from 'bson';
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE } from '../wire/opcodes';
import type { CommandCall, CommandSpec, CommandTable } from './types';

export const SERVER_VERSION = '7.0.0';

function helloReply(call: CommandCall): Document {
  const legacy = call.name !== 'hello';
  return {
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: call.connection.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ...call.state.replica.helloFields(),
    lastWrite: lastWrite(call),
    ok: 1,
  };
}

function lastWrite(call: CommandCall): Document {
  const opTime = { ts: call.state.clock.observe(call.state.storage.committedSeq), t: Long.fromInt(1) };
  const date = new Date(opTime.ts.high * 1000);
  return { opTime, lastWriteDate: date, majorityOpTime: opTime, majorityWriteDate: date };
}

/**
 * An awaitable hello (streaming monitoring) waits up to maxAwaitTimeMS for the topology to change; this
 * one-member set never changes, so it answers when the wait ends, or at once to a client that knew
 * another process.
 */
async function awaitTopologyChange(call: CommandCall): Promise<void> {
  const known: unknown = call.body.topologyVersion;
  const wait = Number(call.body.maxAwaitTimeMS);
  if (typeof known !== 'object' || known === null || !Number.isFinite(wait) || wait <= 0) return;
  const { processId } = known as Document;
  if (!(processId instanceof ObjectId) || !processId.equals(call.state.replica.topologyVersion.processId)) {
    return;
  }
  await delay(wait, undefined, { signal: call.connection.closed }).catch(() => undefined);
}

const hello: CommandSpec = {
  access: 'none',
  async run(call) {
    await awaitTopologyChange(call);
    return helloReply(call);
  },
};

const constant = (reply: Document): CommandSpec => ({ access: 'none', run: () => ({ ...reply, ok: 1 }) });

const buildInfo: CommandSpec = constant({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'none' },
});

const serverStatus: CommandSpec = {
  access: 'none',
  run(call) {
    const uptimeMs = Date.now() - call.state.startedAt;
    return {
      host: call.state.replica.me,
      version: SERVER_VERSION,
      process: 'accord-engine',
      pid: process.pid,
      uptime: Math.floor(uptimeMs / 1000),
      uptimeMillis: uptimeMs,
      localTime: new Date(),
      connections: { current: 0, available: 1000 },
      metrics: { cursor: { open: { total: call.state.cursors.size } } },
      ok: 1,
    };
  },
};

const getParameter: CommandSpec = {
  access: 'none',
  run(call) {
    const reply: Document = { ok: 1 };
    if ('featureCompatibilityVersion' in call.body || call.body.getParameter === '*') {
      reply.featureCompatibilityVersion = { version: '7.0' };
    }
    return reply;
  },
};

const replSetGetStatus: CommandSpec = {
  access: 'none',
  run(call) {
    const { replica } = call.state;
    return {
      set: replica.setName,
      date: new Date(),
      myState: 1,
      members: [{ _id: 0, name: replica.me, health: 1, state: 1, stateStr: 'PRIMARY', self: true }],
      ok: 1,
    };
  },
};

const connectionStatus = constant({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } });

export const handshakeCommands: CommandTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: constant({}),
  buildInfo,
  buildinfo: buildInfo,
  serverStatus,
  getParameter,
  replSetGetStatus,
  connectionStatus,
  hostInfo: constant({ system: { hostname: 'localhost' }, os: { type: process.platform } }),
  getCmdLineOpts: constant({ argv: [], parsed: {} }),
  getLog: constant({ totalLinesWritten: 0, log: [] }),
  whatsmyuri: { access: 'none', run: (call) => ({ you: call.connection.remoteAddress, ok: 1 }) },
  logout: constant({}),
};
