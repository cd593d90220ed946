import type { Document } from 'bson';
import { Long } from 'bson';
import { BatchSource } from '../sessions/batch-source';
import { nonNegativeArg } from './args';
import type { CommandCall } from './types';

const DEFAULT_FIRST_BATCH = 101;

/** Replies with the first batch and registers a cursor for the rest, MongoDB's cursor reply shape. */
export function firstBatchReply(
  call: CommandCall,
  ns: string,
  results: Iterator<Document>,
  options: { batchSize?: number; singleBatch?: boolean } = {},
): Document {
  const source = new BatchSource(results);
  const batchSize = options.batchSize ?? DEFAULT_FIRST_BATCH;
  const firstBatch =
    batchSize === 0 && !options.singleBatch ? [] : source.take(batchSize || Number.MAX_SAFE_INTEGER);
  let id = Long.ZERO;
  if (options.singleBatch) source.close();
  else if (!source.exhausted) id = call.state.cursors.register(ns, source, call.session?.key);
  return { cursor: { firstBatch, id, ns }, ok: 1 };
}

export function cursorOptions(body: Document): { batchSize?: number } {
  const cursor = body.cursor as Document | undefined;
  const batchSize = cursor && typeof cursor === 'object' ? nonNegativeArg(cursor, 'batchSize') : undefined;
  return { batchSize };
}
