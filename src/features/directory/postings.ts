import type { DirectoryFilters } from '../../models/directoryQuery';
import type { DirectoryEntry } from './snapshot';

type FilterKey = Exclude<keyof DirectoryFilters, 'search'>;

/** The filterable values of one entry, as `filter=value` keys. */
export function keysOf(entry: DirectoryEntry): string[] {
  const keys = [
    ...entry.initiatives.map((value) => `initiative=${value}`),
    ...entry.commitments.map((value) => `commitment=${value}`),
    ...entry.joinedYears.map((value) => `joinedYear=${value}`),
    `evidenceLevel=${entry.evidenceLevel}`,
    `status=${entry.status}`,
  ];
  if (entry.country) keys.push(`country=${entry.country}`);
  if (entry.category) keys.push(`category=${entry.category}`);
  if (entry.sector) keys.push(`sector=${entry.sector}`);
  return keys;
}

/** For each filter value, the positions of the entries having it: a filtered query starts from the rarest. */
export function buildPostings(entries: DirectoryEntry[]): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  entries.forEach((entry, position) => {
    for (const key of keysOf(entry)) {
      const list = postings.get(key);
      if (list) list.push(position);
      else postings.set(key, [position]);
    }
  });
  return postings;
}

/** rank[position] = where the entry stands in `order`, to sort a few candidates without walking the order. */
export function ranksOf(order: number[]): Int32Array {
  const ranks = new Int32Array(order.length);
  order.forEach((position, rank) => {
    ranks[position] = rank;
  });
  return ranks;
}

/** The smallest posting list among the chosen filters, or null when only the search (or nothing) is set. */
export function rarestPosting(postings: Map<string, number[]>, filters: DirectoryFilters): number[] | null {
  let rarest: number[] | null = null;
  for (const [name, value] of Object.entries(filters) as [FilterKey | 'search', unknown][]) {
    if (name === 'search' || value === undefined) continue;
    const list = postings.get(`${name}=${String(value)}`) ?? [];
    if (!rarest || list.length < rarest.length) rarest = list;
  }
  return rarest;
}
