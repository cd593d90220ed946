import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { Options, PipelineOperator } from 'mingo/types';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';

interface BucketSpec {
  groupBy: unknown;
  boundaries: unknown[];
  default?: unknown;
  output?: Document;
}

/** $bucket in BSON order (Decimal128 and Long included); only buckets holding documents are output, _id first. */
const $bucket = (coll: Iterator, expr: BucketSpec, options: Options): Iterator => {
  const bounds = expr.boundaries;
  if (!Array.isArray(bounds) || bounds.length < 2) {
    throw new CommandError(
      'BadValue',
      "The $bucket 'boundaries' field must be an array of at least two values",
    );
  }
  const hasDefault = 'default' in expr;
  const output = expr.output ?? { count: { $sum: 1 } };
  let groups: Document[][] | undefined;
  const build = (): Document[][] => {
    const buckets: Document[][] = bounds.slice(0, -1).map(() => []);
    const fallback: Document[] = [];
    for (let next = coll.next(); !next.done; next = coll.next()) {
      const doc = next.value as Document;
      const key = evalExpr(doc, expr.groupBy, options) ?? null;
      const index = bounds.findIndex(
        (bound, i) =>
          i < bounds.length - 1 && compareBson(key, bound) >= 0 && compareBson(key, bounds[i + 1]) < 0,
      );
      if (index >= 0) buckets[index].push(doc);
      else if (hasDefault) fallback.push(doc);
      else
        throw new CommandError(
          'BadValue',
          '$switch could not find a matching branch for an input, and no default was specified.',
        );
    }
    return [...buckets, fallback];
  };
  let position = 0;
  return Lazy(() => {
    groups ??= build();
    while (position < groups.length && groups[position].length === 0) position++;
    if (position >= groups.length) return { done: true };
    const docs = groups[position];
    const id = position < bounds.length - 1 ? bounds[position] : expr.default;
    position++;
    return { value: { _id: id, ...(evalExpr(docs, output, options) as Document) }, done: false };
  });
};

export const bucketStage = { $bucket } as unknown as Record<string, PipelineOperator>;
