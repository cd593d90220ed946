import type { Document } from 'bson';
import { CommandError } from '../errors';
import { compileFilter } from '../query/matcher';
import { mingoOptions } from '../query/mingo-context';
import { collectionArg, documentArg, namespaceArg } from './args';
import { firstBatchReply } from './cursor-reply';
import type { CommandSpec, CommandTable } from './types';

const ID_INDEX = { v: 2, key: { _id: 1 }, name: '_id_' };

const listDatabases: CommandSpec = {
  access: 'read',
  run(call, view) {
    const names = view.listDatabases();
    const databases = names.map((name) => ({
      name,
      sizeOnDisk: 0,
      empty: view.listCollections(name).length === 0,
    }));
    const filter = compileFilter(documentArg(call.body, 'filter'), mingoOptions());
    const matching = databases.filter(filter.test);
    if (call.body.nameOnly === true) return { databases: matching.map(({ name }) => ({ name })), ok: 1 };
    return { databases: matching, totalSize: 0, totalSizeMb: 0, ok: 1 };
  },
};

const listCollections: CommandSpec = {
  access: 'read',
  run(call, view) {
    const entries: Document[] = view.listCollections(call.db).map((info) =>
      call.body.nameOnly === true
        ? { name: info.name, type: 'collection' }
        : {
            name: info.name,
            type: 'collection',
            options: info.options,
            info: { readOnly: false },
            idIndex: ID_INDEX,
          },
    );
    const filter = compileFilter(documentArg(call.body, 'filter'), mingoOptions());
    const results = entries.filter(filter.test)[Symbol.iterator]();
    return firstBatchReply(call, `${call.db}.$cmd.listCollections`, results);
  },
};

const CREATE_OPTIONS = [
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'collation',
  'timeseries',
  'expireAfterSeconds',
  'clusteredIndex',
  'viewOn',
  'pipeline',
  'storageEngine',
  'indexOptionDefaults',
  'changeStreamPreAndPostImages',
];

const create: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    if (call.body.viewOn !== undefined)
      throw new CommandError('NotImplemented', 'views are not supported by this engine');
    if (call.body.timeseries !== undefined)
      throw new CommandError('NotImplemented', 'time series collections are not supported by this engine');
    const options: Document = {};
    for (const key of CREATE_OPTIONS) if (call.body[key] !== undefined) options[key] = call.body[key];
    txn.createCollection(ns, options);
    return { ok: 1 };
  },
};

const drop: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    const info = txn.getCollection(ns);
    // Since MongoDB 7.0 dropping a missing collection succeeds.
    if (!info) return { ok: 1 };
    const nIndexesWas = info.indexes.length;
    txn.dropCollection(ns);
    return { nIndexesWas, ns, ok: 1 };
  },
};

const dropDatabase: CommandSpec = {
  access: 'write',
  run(call, txn) {
    txn.dropDatabase(call.db);
    return { dropped: call.db, ok: 1 };
  },
};

function fullNamespace(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[^.$\0]+\.[^$\0]+$/.test(value)) {
    throw new CommandError('InvalidNamespace', `Invalid ${field} namespace: ${String(value)}`);
  }
  return value;
}

const renameCollection: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const from = fullNamespace(call.body.renameCollection, 'source');
    const to = fullNamespace(call.body.to, 'target');
    if (!txn.getCollection(from))
      throw new CommandError('NamespaceNotFound', 'source namespace does not exist');
    if (from === to) throw new CommandError('IllegalOperation', "Can't rename a collection to itself");
    if (txn.getCollection(to) && call.body.dropTarget !== true) {
      throw new CommandError('NamespaceExists', 'target namespace exists');
    }
    txn.renameCollection(from, to, call.body.dropTarget === true);
    return { ok: 1 };
  },
};

const collStats: CommandSpec = {
  access: 'read',
  run(call, view) {
    const ns = `${call.db}.${collectionArg(call)}`;
    const info = view.getCollection(ns);
    const count = info ? view.count(ns) : 0;
    return { ns, count, size: 0, storageSize: 0, nindexes: info?.indexes.length ?? 0, ok: 1 };
  },
};

const dbStats: CommandSpec = {
  access: 'read',
  run(call, view) {
    const collections = view.listCollections(call.db);
    const objects = collections.reduce((sum, info) => sum + view.count(`${call.db}.${info.name}`), 0);
    const indexes = collections.reduce((sum, info) => sum + info.indexes.length, 0);
    return {
      db: call.db,
      collections: collections.length,
      views: 0,
      objects,
      indexes,
      dataSize: 0,
      storageSize: 0,
      ok: 1,
    };
  },
};

export const catalogCommands: CommandTable = {
  dbStats,
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  renameCollection,
  collStats,
};
