import type { Document } from 'bson';
import { Lazy, type Iterator as MingoIterator } from 'mingo/lazy';
import type { Options, PipelineOperator } from 'mingo/types';
import { makeComparator, parseSort, type CollationSpec } from './sort';

/** `$sort` in MongoDB's BSON comparison order (mingo's own order differs for mixed and BSON types). */
function $sort(collection: MingoIterator, sortKeys: unknown, options: Options): MingoIterator {
  const spec = parseSort(sortKeys);
  if (!spec) throw new Error('$sort stage must have at least one sort key');
  const compare = makeComparator(spec, options.collation as CollationSpec | undefined);
  return collection.transform((docs) => {
    (docs as Document[]).sort(compare);
    return Lazy(docs);
  });
}

export const sortStage = { $sort } as unknown as Record<string, PipelineOperator>;
