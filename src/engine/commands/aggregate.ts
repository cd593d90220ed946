import { Long, type Document } from 'bson';
import { CommandError } from '../errors';
import { parsePipeline, runPipeline } from '../query/aggregate';
import { isPlainObject } from '../query/paths';
import type { ReadView, WriteTxn } from '../storage/api';
import { collectionArg } from './args';
import { cursorOptions, firstBatchReply } from './cursor-reply';
import { prepareForInsert } from './insert';
import type { CommandCall, CommandSpec } from './types';

function outTarget(stage: Document, db: string): string {
  const out = stage.$out;
  if (typeof out === 'string') return `${db}.${out}`;
  if (isPlainObject(out) && typeof out.coll === 'string')
    return `${typeof out.db === 'string' ? out.db : db}.${out.coll}`;
  throw new CommandError('BadValue', '$out must name a collection');
}

function writeOut(txn: WriteTxn, target: string, results: Iterator<Document>): void {
  const docs: Document[] = [];
  for (let step = results.next(); !step.done; step = results.next()) docs.push(step.value);
  if (txn.getCollection(target)) txn.dropCollection(target);
  txn.createCollection(target, {});
  for (const doc of docs) txn.insert(target, prepareForInsert(doc));
}

async function runWithOut(
  call: CommandCall,
  collection: string,
  pipeline: Document[],
  target: string,
): Promise<Document> {
  const ns = `${call.db}.${collection}`;
  const txn = call.txn ?? call.state.storage.begin();
  try {
    writeOut(txn, target, runPipeline(txn, call.db, collection, pipeline));
    if (!call.txn) await txn.commit();
  } catch (error) {
    if (!call.txn && txn.active) txn.abort();
    throw error;
  }
  return { cursor: { firstBatch: [], id: Long.ZERO, ns }, ok: 1 };
}

export const aggregate: CommandSpec = {
  access: 'none',
  run(call) {
    if (typeof call.body.aggregate !== 'string') {
      throw new CommandError('NotImplemented', 'database-level aggregation is not supported by this engine');
    }
    const collection = collectionArg(call);
    const pipeline = parsePipeline(call.body.pipeline);
    if (call.body.explain === true)
      throw new CommandError('NotImplemented', 'use the explain command instead');
    if (!isPlainObject(call.body.cursor)) {
      throw new CommandError(
        'FailedToParse',
        "The 'cursor' option is required, except for aggregate with the explain argument",
      );
    }
    const last = pipeline[pipeline.length - 1];
    if (pipeline.some((stage) => '$merge' in stage)) {
      throw new CommandError('NotImplemented', '$merge is not supported by this engine; use $out');
    }
    if (last && '$out' in last)
      return runWithOut(call, collection, pipeline.slice(0, -1), outTarget(last, call.db));
    if (pipeline.some((stage) => '$out' in stage))
      throw new CommandError('Location40324', '$out can only be the final stage in the pipeline');
    const view: ReadView = call.txn ?? call.state.storage.read();
    const results = runPipeline(view, call.db, collection, pipeline);
    return firstBatchReply(call, `${call.db}.${collection}`, results, cursorOptions(call.body));
  },
};
