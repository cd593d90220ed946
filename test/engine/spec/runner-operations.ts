import assert from 'node:assert/strict';
import type { ClientSession, Document } from 'mongodb';
import type { Entities } from './entities';

const TRANSACTION_STATES: Record<string, string> = {
  NO_TRANSACTION: 'none',
  STARTING_TRANSACTION: 'starting',
  TRANSACTION_IN_PROGRESS: 'in_progress',
  TRANSACTION_COMMITTED: 'committed',
  TRANSACTION_COMMITTED_EMPTY: 'committed',
  TRANSACTION_ABORTED: 'aborted',
};

interface SessionInternals {
  transaction: { state: string };
  isPinned: boolean;
  serverSession?: { isDirty: boolean };
}

function internals(session: ClientSession): SessionInternals {
  return session as unknown as SessionInternals;
}

function lastTwoLsids(args: Document, entities: Entities): [unknown, unknown] {
  const started = entities.client(args.client as string).started;
  const [a, b] = started.slice(-2);
  if (!a || !b) throw new Error('fewer than two commands were sent');
  return [a.command.lsid, b.command.lsid];
}

async function collectionNames(entities: Entities, db: string): Promise<string[]> {
  const infos = await entities.internal.db(db).listCollections({}, { nameOnly: true }).toArray();
  return infos.map((info) => info.name);
}

async function indexNames(entities: Entities, db: string, collection: string): Promise<string[]> {
  const indexes = await entities.internal.db(db).collection(collection).listIndexes().toArray();
  return indexes.map((index) => index.name as string);
}

/** The runner's own operations (object: testRunner): assertions about sessions, collections and indexes. */
export const runnerOperations: Record<string, (args: Document, entities: Entities) => Promise<unknown>> = {
  async createEntities(args, entities) {
    await entities.create(args.entities as Document[]);
  },
  async assertSessionTransactionState(args, entities) {
    const state = internals(entities.session(args.session as string)).transaction.state;
    assert.equal(TRANSACTION_STATES[state], args.state);
  },
  async assertSessionPinned(args, entities) {
    assert.equal(internals(entities.session(args.session as string)).isPinned, true);
  },
  async assertSessionUnpinned(args, entities) {
    assert.equal(internals(entities.session(args.session as string)).isPinned, false);
  },
  async assertSessionDirty(args, entities) {
    assert.equal(internals(entities.session(args.session as string)).serverSession?.isDirty, true);
  },
  async assertSessionNotDirty(args, entities) {
    assert.equal(internals(entities.session(args.session as string)).serverSession?.isDirty ?? false, false);
  },
  async assertSameLsidOnLastTwoCommands(args, entities) {
    const [a, b] = lastTwoLsids(args, entities);
    assert.deepEqual(a, b);
  },
  async assertDifferentLsidOnLastTwoCommands(args, entities) {
    const [a, b] = lastTwoLsids(args, entities);
    assert.notDeepEqual(a, b);
  },
  async assertCollectionExists(args, entities) {
    assert.ok(
      (await collectionNames(entities, args.databaseName as string)).includes(args.collectionName as string),
    );
  },
  async assertCollectionNotExists(args, entities) {
    assert.ok(
      !(await collectionNames(entities, args.databaseName as string)).includes(args.collectionName as string),
    );
  },
  async assertIndexExists(args, entities) {
    const names = await indexNames(entities, args.databaseName as string, args.collectionName as string);
    assert.ok(names.includes(args.indexName as string));
  },
  async assertIndexNotExists(args, entities) {
    const names = await indexNames(
      entities,
      args.databaseName as string,
      args.collectionName as string,
    ).catch((): string[] => []);
    assert.ok(!names.includes(args.indexName as string));
  },
};
