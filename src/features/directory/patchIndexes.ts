import { positionsOf } from './changedEntries';
import { keysOf, ranksOf } from './postings';
import { byName, orderComparisons, type DirectoryEntry, type DirectorySnapshot, type SnapshotIndexes, type SnapshotsIndexes } from './snapshot';

/** Puts `position` where `compare` (a strict total order) places it in `order`. */
function insertSorted(order: number[], position: number, compare: (a: number, b: number) => number): void {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(order[middle] ?? 0, position) < 0) low = middle + 1;
    else high = middle;
  }
  order.splice(low, 0, position);
}

/** The orders without the changed positions, then each changed one inserted at its place. */
function patchOrder(order: readonly number[], changed: ReadonlySet<number>, compare: (a: number, b: number) => number) {
  const patched = order.filter((position) => !changed.has(position));
  for (const position of changed) insertSorted(patched, position, compare);
  return patched;
}

/** Posting lists changed on copies: the previous copy's lists are never written to, requests may still read them. */
function patchPostings(previous: ReadonlyMap<string, number[]>, before: readonly DirectoryEntry[], entries: readonly DirectoryEntry[], changed: ReadonlySet<number>) {
  const postings = new Map(previous);
  const copied = new Set<string>();
  const listOf = (key: string): number[] => {
    let list = postings.get(key);
    if (!list || !copied.has(key)) {
      list = list ? list.slice() : [];
      postings.set(key, list);
      copied.add(key);
    }
    return list;
  };
  for (const position of changed) {
    const old = before[position];
    if (!old) continue;
    for (const key of keysOf(old)) {
      const list = listOf(key);
      const at = list.indexOf(position);
      if (at >= 0) list.splice(at, 1);
    }
  }
  for (const position of changed) {
    const entry = entries[position];
    if (entry) for (const key of keysOf(entry)) insertSorted(listOf(key), position, (a, b) => a - b);
  }
  for (const key of copied) if (postings.get(key)?.length === 0) postings.delete(key);
  return postings;
}

/**
 * The sort orders and postings of `entries`, which hold `before`'s entries at the same positions except the
 * `changed` ones (replaced, or added at the end), derived from the previous indexes instead of sorting again:
 * the same orders a full sort gives, since every comparison is a strict total order.
 */
export function patchIndexes(previous: SnapshotIndexes, before: readonly DirectoryEntry[], entries: readonly DirectoryEntry[], changed: ReadonlySet<number>): SnapshotIndexes {
  const name = patchOrder(previous.orders.name, changed, (a, b) => byName(entries[a] as DirectoryEntry, entries[b] as DirectoryEntry));
  const compare = orderComparisons(entries, ranksOf(name));
  return {
    orders: { name, joined: patchOrder(previous.orders.joined, changed, compare.joined), country: patchOrder(previous.orders.country, changed, compare.country) },
    postings: patchPostings(previous.postings, before, entries, changed),
  };
}

const isActive = (entry: DirectoryEntry | undefined) => entry?.status === 'active';

/**
 * The indexes of both copies after a patch of the entries (see changedEntries.ts). The active copy's are
 * patched too when no changed organisation entered or left it; otherwise null, and that copy is indexed whole.
 */
export function patchSnapshotsIndexes(previous: DirectorySnapshot, entries: readonly DirectoryEntry[], changed: readonly number[]): SnapshotsIndexes {
  const before = previous.everyone.entries;
  const everyone = patchIndexes(previous.everyone, before, entries, new Set(changed));
  if (changed.some((position) => position < before.length && isActive(before[position]) !== isActive(entries[position]))) {
    return { everyone, active: null };
  }
  // Unchanged and replaced organisations keep their place among the active ones; added ones follow in order.
  const activePositions = positionsOf(previous.entries);
  let added = previous.entries.length;
  const activeChanged = new Set<number>();
  for (const position of [...changed].sort((a, b) => a - b)) {
    const entry = entries[position];
    if (!entry || !isActive(entry)) continue;
    activeChanged.add(position < before.length ? (activePositions.get(entry.id) ?? -1) : added++);
  }
  if (activeChanged.has(-1)) return { everyone, active: null };
  const active = entries.filter(isActive);
  return { everyone, active: patchIndexes(previous, previous.entries, active, activeChanged) };
}
