import type { AnyBulkWriteOperation, ClientSession, Collection, Db, Document } from 'mongodb';
import type { Entities } from './entities';
import { runnerOperations } from './runner-operations';

type Args = Document;
export type Operation = (target: never, args: Args, entities: Entities) => Promise<unknown>;

/** Arguments become driver options, with the session entity resolved. */
function options(args: Args, entities: Entities, ...positional: string[]): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(args)) {
    if (positional.includes(key)) continue;
    if (key === 'session') out.session = entities.session(value as string);
    else if (key === 'returnDocument') out.returnDocument = String(value).toLowerCase();
    else out[key] = value;
  }
  return out;
}

/** The format's bulk requests name their fields as the driver's bulkWrite models do. */
function bulkRequests(requests: Document[]): AnyBulkWriteOperation[] {
  return requests as AnyBulkWriteOperation[];
}

const collectionOperations: Record<string, (c: Collection, a: Args, e: Entities) => Promise<unknown>> = {
  aggregate: (c, a, e) => c.aggregate(a.pipeline as Document[], options(a, e, 'pipeline')).toArray(),
  bulkWrite: (c, a, e) => c.bulkWrite(bulkRequests(a.requests as Document[]), options(a, e, 'requests')),
  count: (c, a, e) => c.count(a.filter as Document, options(a, e, 'filter')),
  countDocuments: (c, a, e) => c.countDocuments(a.filter as Document, options(a, e, 'filter')),
  estimatedDocumentCount: (c, a, e) => c.estimatedDocumentCount(options(a, e)),
  distinct: (c, a, e) =>
    c.distinct(a.fieldName as string, a.filter as Document, options(a, e, 'fieldName', 'filter')),
  find: (c, a, e) => c.find(a.filter as Document, options(a, e, 'filter')).toArray(),
  findOne: (c, a, e) => c.findOne(a.filter as Document, options(a, e, 'filter')),
  findOneAndDelete: (c, a, e) => c.findOneAndDelete(a.filter as Document, options(a, e, 'filter')),
  findOneAndReplace: (c, a, e) =>
    c.findOneAndReplace(
      a.filter as Document,
      a.replacement as Document,
      options(a, e, 'filter', 'replacement'),
    ),
  findOneAndUpdate: (c, a, e) =>
    c.findOneAndUpdate(a.filter as Document, a.update as Document, options(a, e, 'filter', 'update')),
  insertOne: (c, a, e) => c.insertOne(a.document as Document, options(a, e, 'document')),
  insertMany: (c, a, e) => c.insertMany(a.documents as Document[], options(a, e, 'documents')),
  updateOne: (c, a, e) =>
    c.updateOne(a.filter as Document, a.update as Document, options(a, e, 'filter', 'update')),
  updateMany: (c, a, e) =>
    c.updateMany(a.filter as Document, a.update as Document, options(a, e, 'filter', 'update')),
  replaceOne: (c, a, e) =>
    c.replaceOne(a.filter as Document, a.replacement as Document, options(a, e, 'filter', 'replacement')),
  deleteOne: (c, a, e) => c.deleteOne(a.filter as Document, options(a, e, 'filter')),
  deleteMany: (c, a, e) => c.deleteMany(a.filter as Document, options(a, e, 'filter')),
  createIndex: (c, a, e) => c.createIndex(a.keys as Document, options(a, e, 'keys')),
  dropIndex: (c, a, e) => c.dropIndex(a.name as string, options(a, e, 'name')),
  listIndexes: (c, a, e) => c.listIndexes(options(a, e)).toArray(),
};

const databaseOperations: Record<string, (d: Db, a: Args, e: Entities) => Promise<unknown>> = {
  aggregate: (d, a, e) => d.aggregate(a.pipeline as Document[], options(a, e, 'pipeline')).toArray(),
  runCommand: (d, a, e) => d.command(a.command as Document, options(a, e, 'command', 'commandName')),
  createCollection: (d, a, e) => d.createCollection(a.collection as string, options(a, e, 'collection')),
  dropCollection: (d, a, e) => d.dropCollection(a.collection as string, options(a, e, 'collection')),
  listCollections: (d, a, e) => d.listCollections(a.filter as Document, options(a, e, 'filter')).toArray(),
  listCollectionNames: async (d, a, e) =>
    (
      await d.listCollections(a.filter as Document, { ...options(a, e, 'filter'), nameOnly: true }).toArray()
    ).map((info) => info.name),
  modifyCollection: (d, a, e) =>
    d.command({ collMod: a.collection as string, ...options(a, e, 'collection', 'session') }, options(a, e)),
};

const sessionOperations: Record<string, (s: ClientSession, a: Args) => Promise<unknown>> = {
  startTransaction: (s, a) => Promise.resolve(s.startTransaction(a)),
  commitTransaction: (s) => s.commitTransaction(),
  abortTransaction: (s) => s.abortTransaction(),
  endSession: (s) => s.endSession(),
  getSnapshotTime: (s) => Promise.resolve((s as unknown as { snapshotTime?: unknown }).snapshotTime),
};

/** Runs one operation of a test against its object: a collection, database, client, session or the runner. */
export async function runOperation(op: Document, entities: Entities): Promise<unknown> {
  const name = op.name as string;
  const args = (op.arguments as Args | undefined) ?? {};
  if (op.object === 'testRunner') {
    const run = runnerOperations[name];
    if (!run) throw new Error(`unsupported runner operation ${name}`);
    return run(args, entities);
  }
  const target = entities.get(op.object as string);
  const kind = entityKind(target);
  if (kind === 'collection' && collectionOperations[name]) {
    return collectionOperations[name](target as Collection, args, entities);
  }
  if (kind === 'database' && databaseOperations[name])
    return databaseOperations[name](target as Db, args, entities);
  if (kind === 'session' && sessionOperations[name])
    return sessionOperations[name](target as ClientSession, args);
  if (kind === 'client' && name === 'listDatabases') {
    const { client } = entities.client(op.object as string);
    return (await client.db('admin').admin().listDatabases(options(args, entities))).databases;
  }
  throw new Error(`unsupported operation ${name} on ${kind}`);
}

function entityKind(target: unknown): string {
  if (typeof target !== 'object' || target === null) return 'value';
  if ('events' in target && 'client' in target) return 'client';
  if ('collectionName' in target) return 'collection';
  if ('databaseName' in target && 'collection' in target) return 'database';
  if ('startTransaction' in target) return 'session';
  return 'value';
}
