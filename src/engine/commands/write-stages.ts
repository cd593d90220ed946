import type { Document } from 'bson';
import { CommandError } from '../errors';
import { compileFilter } from '../query/matcher';
import { mingoOptions } from '../query/mingo-context';
import { getPath, isPlainObject } from '../query/paths';
import type { WriteTxn } from '../storage/api';
import { prepareForInsert } from './insert';

function targetNamespace(value: unknown, db: string, stage: string): string {
  if (typeof value === 'string' && value.length > 0) return `${db}.${value}`;
  if (isPlainObject(value) && typeof value.coll === 'string') {
    return `${typeof value.db === 'string' ? value.db : db}.${value.coll}`;
  }
  throw new CommandError('BadValue', `${stage} must name a target collection`);
}

function drain(results: Iterator<Document>): Document[] {
  const docs: Document[] = [];
  for (let step = results.next(); !step.done; step = results.next()) docs.push(step.value);
  return docs;
}

/** `$out`: replaces the target collection with the pipeline's results. */
export function writeOut(txn: WriteTxn, stage: Document, db: string, results: Iterator<Document>): void {
  const target = targetNamespace(stage.$out, db, '$out');
  const docs = drain(results);
  const existing = txn.getCollection(target);
  if (existing) txn.dropCollection(target);
  txn.createCollection(target, existing?.options ?? {});
  if (existing)
    txn.createIndexes(
      target,
      existing.indexes.filter((index) => index.name !== '_id_'),
    );
  for (const doc of docs) txn.insert(target, prepareForInsert(doc));
}

function mergeSpec(value: unknown, db: string) {
  const spec = isPlainObject(value) ? value : { into: value };
  const on = spec.on === undefined ? ['_id'] : Array.isArray(spec.on) ? spec.on : [spec.on];
  if (!on.every((field): field is string => typeof field === 'string')) {
    throw new CommandError('BadValue', "$merge 'on' must be a field name or an array of field names");
  }
  const whenMatched = spec.whenMatched ?? 'merge';
  const whenNotMatched = spec.whenNotMatched ?? 'insert';
  if (typeof whenMatched !== 'string')
    throw new CommandError(
      'NotImplemented',
      '$merge with a pipeline whenMatched is not supported by this engine',
    );
  return { target: targetNamespace(spec.into, db, '$merge'), on, whenMatched, whenNotMatched };
}

/** `$merge`: upserts each result into the target, matched on the `on` fields. */
export function writeMerge(txn: WriteTxn, stage: Document, db: string, results: Iterator<Document>): void {
  const { target, on, whenMatched, whenNotMatched } = mergeSpec(stage.$merge, db);
  const options = mingoOptions();
  for (const doc of drain(results)) {
    const filter: Document = {};
    for (const field of on) filter[field] = getPath(doc, field) ?? null;
    const matcher = compileFilter(filter, options);
    let existing: Document | undefined;
    if (txn.getCollection(target)) {
      for (const candidate of txn.scan(target, { filter }).docs) {
        if (matcher.test(candidate)) {
          existing = candidate;
          break;
        }
      }
    }
    if (!existing) {
      if (whenNotMatched === 'fail')
        throw new CommandError(
          'MergeStageNoMatchingDocument',
          '$merge could not find a matching document in the target collection',
        );
      if (whenNotMatched === 'insert') txn.insert(target, prepareForInsert(doc));
      continue;
    }
    if (whenMatched === 'fail') {
      const keyPattern = Object.fromEntries(on.map((field) => [field, 1]));
      throw new CommandError('DuplicateKey', `$merge found an existing document in ${target}`, {
        keyPattern,
        keyValue: filter,
      });
    }
    if (whenMatched === 'keepExisting') continue;
    const merged =
      whenMatched === 'replace' ? { ...doc, _id: existing._id } : { ...existing, ...doc, _id: existing._id };
    txn.replace(target, existing, prepareForInsert(merged));
  }
}
