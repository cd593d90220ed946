import { Long, type Document } from 'bson';
import { CommandError } from '../errors';
import { parsePipeline, runPipeline } from '../query/aggregate';
import { isPlainObject } from '../query/paths';
import { collectionArg } from './args';
import { databaseLevelInput } from './database-aggregate';
import { cursorOptions, firstBatchReply } from './cursor-reply';
import { collationArg, letArg } from './find-request';
import { parseReadConcern, readViewFor } from '../replica/read-concern';
import type { CommandCall, CommandSpec } from './types';
import { writeMerge, writeOut } from './write-stages';

const WRITE_STAGES = ['$out', '$merge'];

/** Runs a pipeline ending in $out or $merge in one transaction (the session's, or its own). */
async function runWritingPipeline(
  call: CommandCall,
  collection: string,
  pipeline: Document[],
  input: Document[] | undefined,
): Promise<Document> {
  const stage = pipeline[pipeline.length - 1];
  const txn = call.txn ?? call.state.storage.begin();
  try {
    const results = runPipeline(
      txn,
      call.db,
      collection,
      pipeline.slice(0, -1),
      collationArg(call.body),
      letArg(call.body),
      input,
    );
    if ('$out' in stage) writeOut(txn, stage, call.db, results);
    else writeMerge(txn, stage, call.db, results);
    if (!call.txn) await txn.commit();
  } catch (error) {
    if (!call.txn && txn.active) txn.abort();
    throw error;
  }
  return { cursor: { firstBatch: [], id: Long.ZERO, ns: `${call.db}.${collection}` }, ok: 1 };
}

export const aggregate: CommandSpec = {
  access: 'none',
  run(call) {
    const databaseLevel = call.body.aggregate === 1;
    const collection = databaseLevel ? '$cmd.aggregate' : collectionArg(call);
    const raw: unknown = call.body.pipeline;
    const input =
      databaseLevel && Array.isArray(raw) ? databaseLevelInput(call, raw as Document[]) : undefined;
    const pipeline = parsePipeline(input && Array.isArray(raw) ? raw.slice(1) : raw);
    if (call.body.explain === true)
      throw new CommandError('NotImplemented', 'use the explain command instead');
    if (!isPlainObject(call.body.cursor)) {
      throw new CommandError(
        'FailedToParse',
        "The 'cursor' option is required, except for aggregate with the explain argument",
      );
    }
    const writeAt = pipeline.findIndex((stage) => WRITE_STAGES.some((name) => name in stage));
    if (writeAt >= 0 && writeAt !== pipeline.length - 1) {
      throw new CommandError(
        'Location40324',
        `${Object.keys(pipeline[writeAt])[0]} can only be the final stage in the pipeline`,
      );
    }
    if (writeAt >= 0 && parseReadConcern(call.body)?.level === 'linearizable') {
      throw new CommandError(
        'InvalidOptions',
        `readConcern level linearizable is not allowed with ${Object.keys(pipeline[writeAt])[0]}`,
      );
    }
    if (writeAt >= 0) return runWritingPipeline(call, collection, pipeline, input);
    const { view, snapshotTime } = call.txn
      ? { view: call.txn, snapshotTime: undefined }
      : readViewFor(call.state.storage, call.state.clock, parseReadConcern(call.body));
    const results = runPipeline(
      view,
      call.db,
      collection,
      pipeline,
      collationArg(call.body),
      letArg(call.body),
      input,
    );
    const reply = firstBatchReply(call, `${call.db}.${collection}`, results, cursorOptions(call.body));
    if (snapshotTime) (reply.cursor as Document).atClusterTime = snapshotTime;
    return reply;
  },
};
