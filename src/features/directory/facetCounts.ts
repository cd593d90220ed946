import type { DirectoryFilters } from '../../models/directoryQuery';
import {
  FACET_KEYS,
  facetValuesOf,
  filterPredicates,
  searchPredicate,
  type FacetKey,
  type Predicate,
} from './predicates';
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

interface ChosenFilter {
  key: FacetKey;
  test: Predicate;
  positions: number[];
}

/** The chosen filters, rarest value first. */
function chosenFilters(snapshot: DirectorySnapshot, filters: DirectoryFilters): ChosenFilter[] {
  return filterPredicates(filters)
    .map(({ key, test }) => ({
      key,
      test,
      positions: snapshot.postings.get(`${key}=${String(filters[key])}`) ?? [],
    }))
    .sort((a, b) => a.positions.length - b.positions.length);
}

/**
 * An entry counts towards filter F's values when it passes the search and every chosen filter except F.
 * Those passing the rarest filter are all in its posting list; those failing only the rarest are in the
 * second rarest's list (or, with one filter and no search, are counted by the precomputed totals).
 */
export function facetCounts(snapshot: DirectorySnapshot, filters: DirectoryFilters): FacetCounts {
  const search = searchPredicate(filters.search);
  const [rarest, ...others] = chosenFilters(snapshot, filters);
  if (!search && !rarest) return snapshot.facetCounts;
  const counts = emptyCounts();
  const passes = (entry: DirectoryEntry | undefined): entry is DirectoryEntry =>
    entry !== undefined && (!search || search(entry));
  if (!rarest) {
    for (const entry of snapshot.entries) if (passes(entry)) addAll(counts, entry);
    return counts;
  }
  for (const position of rarest.positions) {
    const entry = snapshot.entries[position];
    if (!passes(entry)) continue;
    const failed = others.filter(({ test }) => !test(entry));
    if (failed.length === 0) addAll(counts, entry);
    else if (failed.length === 1 && failed[0]) add(counts, failed[0].key, entry);
  }
  const [second] = others;
  if (second) {
    for (const position of second.positions) {
      const entry = snapshot.entries[position];
      if (passes(entry) && !rarest.test(entry) && others.every(({ test }) => test(entry)))
        add(counts, rarest.key, entry);
    }
  } else if (!search) {
    counts[rarest.key] = snapshot.facetCounts[rarest.key];
  } else {
    for (const entry of snapshot.entries)
      if (passes(entry) && !rarest.test(entry)) add(counts, rarest.key, entry);
  }
  return counts;
}

function addAll(counts: FacetCounts, entry: DirectoryEntry): void {
  for (const key of FACET_KEYS) add(counts, key, entry);
}
