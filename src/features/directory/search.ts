import type { DirectoryFilters } from '../../models/directoryQuery';
import { rarestPosting } from './postings';
import { filterPredicates, searchPredicate, type Predicate } from './predicates';
import { defaultOrder, type DirectoryQuery } from './query';
import type { DirectoryEntry, DirectorySnapshot } from './snapshot';
import { statusScope } from './statusScope';

export interface DirectoryPage {
  entries: DirectoryEntry[];
  total: number;
  page: number;
  lastPage: number;
}

/** The same rules as `directoryFilter` (models), applied to the in-memory copy. */
export function matcherFor(filters: DirectoryFilters): Predicate {
  const search = searchPredicate(filters.search);
  const tests = filterPredicates(filters).map(({ test }) => test);
  if (search) tests.push(search);
  return (entry) => tests.every((test) => test(entry));
}

const hasFilters = (filters: DirectoryFilters) =>
  Object.values(filters).some((value) => value !== undefined && value !== '');

/** The page of a query, from the copy its status filter reads. */
export function searchDirectory(snapshot: DirectorySnapshot, query: DirectoryQuery): DirectoryPage {
  const scope = statusScope(snapshot, query.filters);
  return searchSnapshot(scope.snapshot, { ...query, filters: scope.filters });
}

/** Walks the precomputed order once: matches come out sorted, only the requested page is kept. */
function searchSnapshot(snapshot: DirectorySnapshot, query: DirectoryQuery): DirectoryPage {
  const order = snapshot.orders[query.sort];
  const first = (query.page - 1) * query.size;
  if (!hasFilters(query.filters)) return unfilteredPage(snapshot, query, order, first);
  const matches = matcherFor(query.filters);
  const candidates = rarestPosting(snapshot.postings, query.filters);
  if (candidates) return candidatePage(snapshot, query, candidates, matches, first);
  const pageEntries: DirectoryEntry[] = [];
  let total = 0;
  const forward = query.order === defaultOrder(query.sort);
  for (let step = 0; step < order.length; step += 1) {
    const position = forward ? order[step] : order[order.length - 1 - step];
    const entry = position === undefined ? undefined : snapshot.entries[position];
    if (!entry || !matches(entry)) continue;
    if (total >= first && pageEntries.length < query.size) pageEntries.push(entry);
    total += 1;
  }
  return {
    entries: pageEntries,
    total,
    page: query.page,
    lastPage: Math.max(1, Math.ceil(total / query.size)),
  };
}

/** With a filter set, only the entries having its rarest value are tested, then sorted by rank. */
function candidatePage(
  snapshot: DirectorySnapshot,
  query: DirectoryQuery,
  candidates: number[],
  matches: Predicate,
  first: number,
): DirectoryPage {
  const ranks = snapshot.ranks[query.sort];
  const direction = query.order === defaultOrder(query.sort) ? 1 : -1;
  const matching = candidates.filter((position) => {
    const entry = snapshot.entries[position];
    return entry !== undefined && matches(entry);
  });
  matching.sort((a, b) => direction * ((ranks[a] ?? 0) - (ranks[b] ?? 0)));
  const entries = matching
    .slice(first, first + query.size)
    .map((position) => snapshot.entries[position])
    .filter((entry): entry is DirectoryEntry => entry !== undefined);
  const total = matching.length;
  return { entries, total, page: query.page, lastPage: Math.max(1, Math.ceil(total / query.size)) };
}

/** Every organisation matches: the page is a slice of the order, whatever the registry's size. */
function unfilteredPage(snapshot: DirectorySnapshot, query: DirectoryQuery, order: number[], first: number) {
  const total = order.length;
  const forward = query.order === defaultOrder(query.sort);
  const entries: DirectoryEntry[] = [];
  for (let step = first; step < Math.min(total, first + query.size); step += 1) {
    const entry = snapshot.entries[forward ? (order[step] ?? -1) : (order[total - 1 - step] ?? -1)];
    if (entry) entries.push(entry);
  }
  return { entries, total, page: query.page, lastPage: Math.max(1, Math.ceil(total / query.size)) };
}

/** Newest members by joined date, real organisations only. */
export function newestMembers(snapshot: DirectorySnapshot, limit: number): DirectoryEntry[] {
  const newest: DirectoryEntry[] = [];
  const order = snapshot.orders.joined;
  for (const position of order) {
    const entry = snapshot.entries[position];
    if (entry?.listedAsNewest && entry.firstJoinedAt !== null) newest.push(entry);
    if (newest.length >= limit || entry?.firstJoinedAt === null) break;
  }
  return newest;
}

/**
 * Every entry matching the query's filters and search, in the query's sort order, ignoring its page: what
 * the downloads of a directory query hold. Positions (in the copy returned) only, so a large answer costs
 * one number per row.
 */
export function allMatching(
  snapshot: DirectorySnapshot,
  query: DirectoryQuery,
): { snapshot: DirectorySnapshot; positions: readonly number[] } {
  const scope = statusScope(snapshot, query.filters);
  return {
    snapshot: scope.snapshot,
    positions: allMatchingPositions(scope.snapshot, { ...query, filters: scope.filters }),
  };
}

function allMatchingPositions(snapshot: DirectorySnapshot, query: DirectoryQuery): readonly number[] {
  const order = snapshot.orders[query.sort];
  const forward = query.order === defaultOrder(query.sort);
  const inOrder = forward ? order : [...order].reverse();
  if (!hasFilters(query.filters)) return inOrder;
  const matches = matcherFor(query.filters);
  const candidates = rarestPosting(snapshot.postings, query.filters);
  const passes = (position: number) => {
    const entry = snapshot.entries[position];
    return entry !== undefined && matches(entry);
  };
  if (!candidates) return inOrder.filter(passes);
  const ranks = snapshot.ranks[query.sort];
  const direction = forward ? 1 : -1;
  return candidates.filter(passes).sort((a, b) => direction * ((ranks[a] ?? 0) - (ranks[b] ?? 0)));
}
