import type { DirectoryFilters } from '../../models/directoryQuery';
import { FACET_KEYS, facetValuesOf, filterPredicates, searchPredicate, type FacetKey } from './predicates';
import type { DirectoryEntry, DirectorySnapshot } from './snapshot';

/** For each filter, how many organisations each value would give, with the other choices kept. */
export type FacetCounts = Record<FacetKey, Map<string, number>>;

function emptyCounts(): FacetCounts {
  return Object.fromEntries(FACET_KEYS.map((key) => [key, new Map<string, number>()])) as FacetCounts;
}

function add(counts: FacetCounts, key: FacetKey, entry: DirectoryEntry): void {
  const tally = counts[key];
  for (const value of facetValuesOf(entry, key)) {
    const name = String(value);
    tally.set(name, (tally.get(name) ?? 0) + 1);
  }
}

/** With nothing chosen, a value's count is the length of its posting list: built once per version. */
export function unfilteredFacetCounts(postings: Map<string, number[]>): FacetCounts {
  const counts = emptyCounts();
  for (const [posting, positions] of postings) {
    const separator = posting.indexOf('=');
    const key = posting.slice(0, separator) as FacetKey;
    counts[key].set(posting.slice(separator + 1), positions.length);
  }
  return counts;
}

/**
 * An entry counts towards filter F's values when it passes the search and every chosen filter except F:
 * one pass, each entry failing at most one filter. With two filters or more chosen, such an entry has the
 * value of at least one of the two rarest, so only their postings are walked.
 */
export function facetCounts(snapshot: DirectorySnapshot, filters: DirectoryFilters): FacetCounts {
  const search = searchPredicate(filters.search);
  const chosen = filterPredicates(filters);
  if (!search && chosen.length === 0) return snapshot.facetCounts;
  const counts = emptyCounts();
  for (const position of candidates(snapshot, filters, chosen.length)) {
    const entry = snapshot.entries[position];
    if (!entry || (search && !search(entry))) continue;
    let failed: FacetKey | null = null;
    let failures = 0;
    for (const { key, test } of chosen) {
      if (test(entry)) continue;
      failed = key;
      failures += 1;
      if (failures > 1) break;
    }
    if (failures > 1) continue;
    if (failed) add(counts, failed, entry);
    else for (const key of FACET_KEYS) add(counts, key, entry);
  }
  return counts;
}

function candidates(
  snapshot: DirectorySnapshot,
  filters: DirectoryFilters,
  chosen: number,
): Iterable<number> {
  if (chosen < 2) return snapshot.entries.keys();
  const lists = FACET_KEYS.filter((key) => filters[key] !== undefined)
    .map((key) => snapshot.postings.get(`${key}=${String(filters[key])}`) ?? [])
    .sort((a, b) => a.length - b.length);
  return new Set([...(lists[0] ?? []), ...(lists[1] ?? [])]);
}
