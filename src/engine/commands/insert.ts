import { ObjectId, type Document } from 'bson';
import { CommandError } from '../errors';
import { bsonTypeName } from '../query/bson-types';
import { documentsArg, namespaceArg } from './args';
import type { CommandSpec } from './types';
import { orderedArg, toWriteError, writeReply } from './write-errors';

/** `_id` first, generated when missing; arrays, regexes and undefined are not valid ids. */
export function prepareForInsert(doc: Document): Document {
  if (!('_id' in doc)) return { _id: new ObjectId(), ...doc };
  const type = bsonTypeName(doc._id);
  if (type === 'array' || type === 'regex' || type === 'missing') {
    throw new CommandError('BadValue', `can't use an ${type} for _id`);
  }
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

export const insert: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    const documents = documentsArg(call.body, 'documents');
    const ordered = orderedArg(call.body);
    const writeErrors: Document[] = [];
    let n = 0;
    for (const [index, doc] of documents.entries()) {
      try {
        txn.insert(ns, prepareForInsert(doc));
        n++;
      } catch (error) {
        writeErrors.push(toWriteError(error, index));
        if (ordered) break;
      }
    }
    return writeReply(n, writeErrors);
  },
};
