import type BTree from 'sorted-btree';
import type { Document } from 'bson';
import { bsonKey } from '../bson-key';
import { compareBson } from '../bson-order';
import type { Bound } from './conditions';
import { MAX, MIN, type IndexEntry } from './index-keys';
import type { PlanInfo } from './types';

/** A contiguous stretch of an index: fixed values for the leading fields, then an optional range. */
export interface Interval {
  prefix: unknown[];
  lo?: Bound;
  hi?: Bound;
}

/** The _id tree and secondary index trees seen through one shape: a key is a tuple of field values. */
export interface TreeAccess {
  directions: readonly number[];
  entries(start: unknown[], sentinel: unknown, reverse: boolean): IterableIterator<[unknown, Document]>;
  values(key: unknown): unknown[];
}

export function idTreeAccess(tree: BTree<unknown, Document>): TreeAccess {
  return {
    directions: [1],
    entries: (start, _sentinel, reverse) =>
      reverse ? tree.entriesReversed(start[0]) : tree.entries(start[0]),
    values: (key) => [key],
  };
}

export function indexTreeAccess(
  tree: BTree<IndexEntry, Document>,
  directions: readonly number[],
): TreeAccess {
  return {
    directions,
    entries: (start, sentinel, reverse) => {
      const key = { k: start, id: sentinel };
      return reverse ? tree.entriesReversed(key) : tree.entries(key);
    },
    values: (key) => (key as IndexEntry).k,
  };
}

function startValues(interval: Interval, directions: readonly number[], reverse: boolean): unknown[] {
  const out = [...interval.prefix];
  for (let j = interval.prefix.length; j < directions.length; j++) {
    const ascending = (directions[j] === 1) !== reverse;
    const bound = j === interval.prefix.length ? (ascending ? interval.lo : interval.hi) : undefined;
    out.push(bound ? bound.value : ascending ? MIN : MAX);
  }
  return out;
}

/** -1 before the interval, 0 inside, 1 after, in index order. */
function position(values: unknown[], interval: Interval, directions: readonly number[]): number {
  const n = interval.prefix.length;
  for (let j = 0; j < n; j++) {
    if (values[j] === interval.prefix[j]) continue;
    const c = compareBson(values[j], interval.prefix[j]);
    if (c !== 0) return c * directions[j];
  }
  if (n >= directions.length) return 0;
  const value = values[n];
  const { lo, hi } = interval;
  if (lo) {
    const c = compareBson(value, lo.value);
    if (c < 0 || (c === 0 && !lo.inclusive)) return -directions[n];
  }
  if (hi) {
    const c = compareBson(value, hi.value);
    if (c > 0 || (c === 0 && !hi.inclusive)) return directions[n];
  }
  return 0;
}

export function compareIntervals(directions: readonly number[]): (a: Interval, b: Interval) => number {
  return (a, b) => {
    const x = startValues(a, directions, false);
    const y = startValues(b, directions, false);
    for (let j = 0; j < directions.length; j++) {
      const c = compareBson(x[j], y[j]) * directions[j];
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Lazily yields the documents of the intervals (given in index order), counting work in `info`. */
export function* walk(
  access: TreeAccess,
  intervals: Interval[],
  reverse: boolean,
  dedupe: boolean,
  info: PlanInfo,
): Generator<Document> {
  const seen = dedupe ? new Set<string>() : undefined;
  const ordered = reverse ? [...intervals].reverse() : intervals;
  for (const interval of ordered) {
    const start = startValues(interval, access.directions, reverse);
    for (const [key, doc] of access.entries(start, reverse ? MAX : MIN, reverse)) {
      const where = position(access.values(key), interval, access.directions);
      if (where !== 0 && where > 0 !== reverse) break;
      info.keysExamined++;
      if (where !== 0) continue;
      if (seen) {
        const id = bsonKey(doc._id);
        if (seen.has(id)) continue;
        seen.add(id);
      }
      info.docsExamined++;
      yield doc;
    }
  }
}

/** IDHACK: one O(log n) lookup, no iteration. */
export function* idLookup(docs: BTree<unknown, Document>, id: unknown, info: PlanInfo): Generator<Document> {
  info.keysExamined++;
  const doc = docs.get(id);
  if (!doc) return;
  info.docsExamined++;
  yield doc;
}

export function* collectionScan(
  docs: BTree<unknown, Document>,
  reverse: boolean,
  info: PlanInfo,
): Generator<Document> {
  if (!reverse) {
    for (const doc of docs.values()) {
      info.docsExamined++;
      yield doc;
    }
    return;
  }
  for (const [, doc] of docs.entriesReversed()) {
    info.docsExamined++;
    yield doc;
  }
}
