import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { OpType } from 'mingo/core';
import type { ReadView } from '../storage/api';
import { CommandError } from '../errors';
import { cloneDocument } from './clone';
import { asBadValue } from './errors';
import { compileFilter } from './matcher';
import { ENGINE_CONTEXT, mingoOptions } from './mingo-context';
import { isPlainObject } from './paths';
import type { CollationSpec } from './sort';

/** Stages that never mutate their input documents, so stored documents can be fed to them uncloned. */
const NON_MUTATING = new Set([
  '$match',
  '$group',
  '$count',
  '$sort',
  '$limit',
  '$skip',
  '$sortByCount',
  '$project',
]);

function stageName(stage: Document): string {
  const keys = Object.keys(stage);
  if (keys.length !== 1)
    throw new CommandError(
      'Location40324',
      'A pipeline stage specification object must contain exactly one field.',
    );
  return keys[0];
}

export function parsePipeline(value: unknown): Document[] {
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  }
  for (const stage of value) {
    const name = stageName(stage);
    if (name !== '$out' && name !== '$merge' && !ENGINE_CONTEXT.getOperator(OpType.PIPELINE, name)) {
      throw new CommandError('Location40324', `Unrecognized pipeline stage name: '${name}'`);
    }
    if (name === '$group' && !(isPlainObject(stage.$group) && '_id' in stage.$group)) {
      throw new CommandError('Location15955', 'a group specification must include an _id');
    }
  }
  return value;
}

function* cloned(docs: Iterable<Document>): Generator<Document> {
  for (const doc of docs) yield cloneDocument(doc);
}

function* matching(docs: Iterable<Document>, test: (doc: Document) => boolean): Generator<Document> {
  for (const doc of docs) if (test(doc)) yield doc;
}

function collectionDocs(view: ReadView, ns: string): Iterable<Document> {
  return view.getCollection(ns) ? view.scan(ns, { filter: {} }).docs : [];
}

/**
 * Runs a pipeline over a collection of the view, lazily. A leading `$match` chooses the storage candidates;
 * other collections ($lookup, $unionWith, $graphLookup) are read from the same view.
 */
export function runPipeline(
  view: ReadView,
  db: string,
  collection: string,
  pipeline: Document[],
  collation?: CollationSpec,
  variables?: Record<string, unknown>,
  /** Documents to run the pipeline over instead of the collection's (database-level aggregation). */
  input?: Iterable<Document>,
): Iterator<Document> {
  const foreign = new Map<string, Document[]>();
  const options = mingoOptions({
    collation,
    variables,
    collectionResolver: (name: string) => {
      let docs = foreign.get(name);
      if (!docs) foreign.set(name, (docs = Array.from(cloned(collectionDocs(view, `${db}.${name}`)))));
      return docs;
    },
  });
  const ns = `${db}.${collection}`;
  let stages = pipeline;
  let source: Iterable<Document>;
  if (input) {
    source = input;
  } else if (stages.length > 0 && stageName(stages[0]) === '$match' && view.getCollection(ns)) {
    const filter = stages[0].$match as Document;
    const matcher = compileFilter(filter, options);
    source = matching(view.scan(ns, { filter }).docs, matcher.test);
    stages = stages.slice(1);
  } else {
    source = collectionDocs(view, ns);
  }
  if (!stages.every((stage) => NON_MUTATING.has(stageName(stage)))) source = cloned(source);
  const aggregator = asBadValue(() => new Aggregator(stages, options));
  const iterator = asBadValue(() => aggregator.stream(source));
  return {
    next: () => asBadValue(() => iterator.next() as IteratorResult<Document>),
  };
}
