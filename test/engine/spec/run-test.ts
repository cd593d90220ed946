import assert from 'node:assert/strict';
import type { Document, MongoClient } from 'mongodb';
import { Entities, type ClientEntity } from './entities';
import { withoutDriverAdditions } from './driver-differences';
import { checkError } from './errors';
import { match, type MatchContext } from './matcher';
import { runOperation } from './operations';
import { toPlain } from './plain';

export interface SpecFile {
  description: string;
  createEntities?: Document[];
  initialData?: Document[];
  runOnRequirements?: Document[];
  tests: Document[];
}

const MAJORITY = { writeConcern: { w: 'majority' } } as const;

async function loadInitialData(internal: MongoClient, data: Document[] = []): Promise<void> {
  for (const entry of data) {
    const db = internal.db(entry.databaseName as string);
    const name = entry.collectionName as string;
    await db
      .collection(name)
      .drop(MAJORITY)
      .catch(() => undefined);
    const documents = entry.documents as Document[];
    if (entry.createOptions || documents.length === 0) {
      await db.createCollection(name, { ...(entry.createOptions as Document), ...MAJORITY });
    }
    if (documents.length > 0) await db.collection(name).insertMany(documents, MAJORITY);
  }
}

async function runOperations(operations: Document[], entities: Entities, ctx: MatchContext): Promise<void> {
  for (const [index, op] of operations.entries()) {
    const where = `operation ${index} (${String(op.name)})`;
    let result: unknown;
    try {
      result = await runOperation(op, entities);
    } catch (error) {
      if (op.expectError) {
        checkError(op.expectError as Document, error, ctx);
        continue;
      }
      if (op.ignoreResultAndError) continue;
      throw new Error(`${where} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    if (op.expectError)
      assert.fail(`${where} succeeded but an error was expected: ${JSON.stringify(op.expectError)}`);
    if (op.expectResult !== undefined) match(op.expectResult, toPlain(result), where, ctx, true);
    if (op.saveResultAsEntity) entities.set(op.saveResultAsEntity as string, result);
  }
}

const EVENT_KINDS: Record<string, string> = {
  commandStartedEvent: 'commandStarted',
  commandSucceededEvent: 'commandSucceeded',
  commandFailedEvent: 'commandFailed',
};

function checkEvents(expectations: Document[], entities: Entities, ctx: MatchContext): void {
  for (const expectation of expectations) {
    if ((expectation.eventType ?? 'command') !== 'command') continue;
    const actual = entities.client(expectation.client as string).events;
    const expected = expectation.events as Document[];
    const seen = expectation.ignoreExtraEvents ? actual.slice(0, expected.length) : actual;
    const names = actual.map((e) => `${e.kind}:${e.event.commandName}`).join(', ');
    assert.equal(seen.length, expected.length, `events for ${String(expectation.client)}: ${names}`);
    expected.forEach((wanted, i) => checkEvent(wanted, seen[i] as ClientEntity['events'][number], i, ctx));
  }
}

function checkEvent(
  wanted: Document,
  actual: ClientEntity['events'][number],
  i: number,
  ctx: MatchContext,
): void {
  const [kind, body] = Object.entries(wanted)[0] as [string, Document];
  assert.equal(actual.kind, EVENT_KINDS[kind], `event ${i}: ${actual.kind} ${actual.event.commandName}`);
  const event = actual.event as unknown as Document;
  if (body.commandName !== undefined) assert.equal(event.commandName, body.commandName, `event ${i} name`);
  if (body.databaseName !== undefined) assert.equal(event.databaseName, body.databaseName, `event ${i} db`);
  if (body.command !== undefined)
    match(
      body.command,
      withoutDriverAdditions(String(event.commandName), body.command as Document, actual.command),
      `event ${i} command`,
      ctx,
      true,
    );
  if (body.reply !== undefined) match(body.reply, actual.reply, `event ${i} reply`, ctx, true);
}

async function checkOutcome(internal: MongoClient, outcome: Document[], ctx: MatchContext): Promise<void> {
  for (const entry of outcome) {
    const collection = internal.db(entry.databaseName as string).collection(entry.collectionName as string);
    const docs = await collection.find({}, { sort: { _id: 1 }, readConcern: { level: 'local' } }).toArray();
    match(entry.documents, docs, `outcome ${String(entry.collectionName)}`, ctx, false);
  }
}

/** Runs one test of a unified-format file against the server at `uri`. */
export async function runSpecTest(
  file: SpecFile,
  test: Document,
  uri: string,
  internal: MongoClient,
): Promise<void> {
  await loadInitialData(internal, file.initialData);
  const entities = new Entities(uri, internal);
  const ctx: MatchContext = { entity: (name) => entities.get(name) };
  try {
    await entities.create(file.createEntities ?? []);
    await runOperations(test.operations as Document[], entities, ctx);
    checkEvents((test.expectEvents as Document[] | undefined) ?? [], entities, ctx);
    await checkOutcome(internal, (test.outcome as Document[] | undefined) ?? [], ctx);
  } finally {
    await entities.close();
  }
}
