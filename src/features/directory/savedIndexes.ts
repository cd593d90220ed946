import { types } from 'node:util';
import type { SnapshotIndexes } from './snapshot';

/** A copy's sort orders and filter postings as typed arrays: compact to save, quick to read back. */
export interface PackedIndexes {
  name: Int32Array;
  joined: Int32Array;
  country: Int32Array;
  postingKeys: string[];
  /** Posting `i` holds positions[postingEnds[i - 1] ?? 0 … postingEnds[i]]. */
  postingEnds: Int32Array;
  positions: Int32Array;
}

export function packIndexes({ orders, postings }: SnapshotIndexes): PackedIndexes {
  const postingKeys = [...postings.keys()];
  const lists = [...postings.values()];
  const postingEnds = new Int32Array(lists.length);
  const positions = new Int32Array(lists.reduce((total, list) => total + list.length, 0));
  let end = 0;
  lists.forEach((list, index) => {
    positions.set(list, end);
    end += list.length;
    postingEnds[index] = end;
  });
  return {
    name: Int32Array.from(orders.name),
    joined: Int32Array.from(orders.joined),
    country: Int32Array.from(orders.country),
    postingKeys,
    postingEnds,
    positions,
  };
}

// Not `instanceof`: what v8.deserialize makes may come from another realm (a test's sandbox, say).
const isOrderOf = (order: unknown, count: number): order is Int32Array =>
  types.isInt32Array(order) && order.length === count;

/** The indexes of `count` entries, or null when what was read does not fit them. */
export function unpackIndexes(
  packed: PackedIndexes | null | undefined,
  count: number,
): SnapshotIndexes | null {
  if (!packed || !isOrderOf(packed.name, count) || !isOrderOf(packed.joined, count)) return null;
  if (!isOrderOf(packed.country, count)) return null;
  const { postingKeys, postingEnds, positions } = packed;
  if (!Array.isArray(postingKeys) || !types.isInt32Array(postingEnds) || !types.isInt32Array(positions)) {
    return null;
  }
  if (postingKeys.length !== postingEnds.length || (postingEnds.at(-1) ?? 0) !== positions.length)
    return null;
  if (positions.some((position) => position < 0 || position >= count)) return null;
  const postings = new Map<string, number[]>();
  postingKeys.forEach((key, index) => {
    postings.set(key, Array.from(positions.subarray(postingEnds[index - 1] ?? 0, postingEnds[index])));
  });
  return {
    orders: {
      name: Array.from(packed.name),
      joined: Array.from(packed.joined),
      country: Array.from(packed.country),
    },
    postings,
  };
}
