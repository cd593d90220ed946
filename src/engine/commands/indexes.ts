import type { Document } from 'bson';
import { CommandError } from '../errors';
import { isPlainObject } from '../query/paths';
import type { IndexSpec } from '../storage/types';
import { arrayArg, namespaceArg } from './args';
import { firstBatchReply } from './cursor-reply';
import type { CommandSpec, CommandTable } from './types';

function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) throw new CommandError('TypeMismatch', 'index specification must be an object');
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new CommandError('BadValue', "Index spec must contain a non-empty 'key' object");
  }
  const parsedKey: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(key)) {
    const value = Number(direction);
    if (typeof direction === 'string') {
      throw new CommandError('NotImplemented', `index type '${direction}' is not supported by this engine`);
    }
    if (value !== 1 && value !== -1)
      throw new CommandError('BadValue', `Values in the index key pattern must be 1 or -1: ${field}`);
    parsedKey[field] = value;
  }
  if (typeof raw.name !== 'string' || raw.name.length === 0) {
    throw new CommandError('BadValue', "Index spec must contain a 'name' string");
  }
  const spec: IndexSpec = { name: raw.name, key: parsedKey };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (isPlainObject(raw.partialFilterExpression)) spec.partialFilterExpression = raw.partialFilterExpression;
  if (typeof raw.expireAfterSeconds === 'number') spec.expireAfterSeconds = raw.expireAfterSeconds;
  if (isPlainObject(raw.collation)) spec.collation = raw.collation;
  return spec;
}

const createIndexes: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    const specs = arrayArg(call.body, 'indexes').map(parseIndexSpec);
    if (specs.length === 0) throw new CommandError('BadValue', 'Must specify at least one index to create');
    const result = txn.createIndexes(ns, specs);
    const reply: Document = { ...result, ok: 1 };
    if (result.numIndexesAfter === result.numIndexesBefore) reply.note = 'all indexes already exist';
    return reply;
  },
};

function describeIndex(spec: IndexSpec): Document {
  const { name, key, ...options } = spec;
  return { v: 2, key, name, ...options };
}

const listIndexes: CommandSpec = {
  access: 'read',
  run(call, view) {
    const ns = namespaceArg(call);
    const info = view.getCollection(ns);
    if (!info) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ns}`);
    return firstBatchReply(call, ns, info.indexes.map(describeIndex)[Symbol.iterator]());
  },
};

function indexNames(index: unknown, indexes: IndexSpec[]): string[] | '*' {
  if (index === '*') return '*';
  if (typeof index === 'string') return [index];
  if (Array.isArray(index) && index.every((name) => typeof name === 'string')) return index;
  if (isPlainObject(index)) {
    const match = indexes.find((spec) => JSON.stringify(spec.key) === JSON.stringify(index));
    if (!match)
      throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(index)}`);
    return [match.name];
  }
  throw new CommandError('TypeMismatch', "Field 'index' must be a string, an array of strings or an object");
}

const dropIndexes: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    const info = txn.getCollection(ns);
    if (!info) throw new CommandError('NamespaceNotFound', `ns not found ${ns}`);
    const names = indexNames(call.body.index, info.indexes);
    if (names !== '*' && names.includes('_id_'))
      throw new CommandError('InvalidOptions', 'cannot drop _id index');
    const nIndexesWas = txn.dropIndexes(ns, names);
    return { nIndexesWas, ok: 1 };
  },
};

export const indexCommands: CommandTable = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
