import { Organisation } from '../../models/organisation';
import { INITIATIVE_SLUGS, type InitiativeSlug } from '../../reference/initiatives';
import { unfilteredFacetCounts, type FacetCounts } from './facetCounts';
import { buildPostings, ranksOf } from './postings';

/** The fields the directory lists, filters and sorts on: a compact copy of one organisation. */
export interface DirectoryEntry {
  /** The organisation's id: a changed organisation replaces its entry even when renamed. */
  id: string;
  slug: string;
  name: string;
  searchKey: string;
  /** searchKey with a leading space, so a word prefix is `includes(' ' + word)`. */
  searchText: string;
  country: string | null;
  category: string | null;
  sector: string | null;
  initiatives: string[];
  commitments: string[];
  evidenceLevel: string;
  joinedYears: number[];
  firstJoinedAt: number | null;
  website: string | null;
  /** Mail and web domains, lower case (the statistics count them). */
  domains: string[];
  /** Every membership, whatever its state (the filters above count only active ones). */
  memberships: DirectoryMembership[];
  /** The public status (`active`, `lapsed`, `withdrawn`, `delisted`); why and since when. */
  status: string;
  statusReason: string;
  statusSince: number | null;
  /** Shown among the newest members only when false. */
  listedAsNewest: boolean;
  demo: boolean;
}

export interface DirectoryMembership {
  initiative: string;
  joinedAt: number | null;
  status: string;
}

export interface DirectoryFacetValues {
  initiatives: string[];
  countries: string[];
  categories: string[];
  sectors: string[];
  commitments: string[];
  evidenceLevels: string[];
  joinedYears: number[];
}

export interface DirectorySnapshot {
  /**
   * The active organisations: what the directory lists by default, and every count the site shows. The
   * status filter reads `everyone` (every organisation, whatever its status); it is itself for that copy.
   */
  everyone: DirectorySnapshot;
  token: string;
  changedAt: Date;
  entries: DirectoryEntry[];
  bySlug: Map<string, DirectoryEntry>;
  /** Entry positions in each sort's default order (name and country ascending, joined newest first). */
  orders: { name: number[]; joined: number[]; country: number[] };
  ranks: { name: Int32Array; joined: Int32Array; country: Int32Array };
  postings: Map<string, number[]>;
  facets: DirectoryFacetValues;
  /** Each filter value's count with nothing chosen. */
  facetCounts: FacetCounts;
  countsByInitiative: Record<InitiativeSlug, number>;
  countsByCommitment: Map<string, number>;
  countryCount: number;
}

export const byName = (a: DirectoryEntry, b: DirectoryEntry) =>
  a.searchKey < b.searchKey ? -1 : a.searchKey > b.searchKey ? 1 : a.slug < b.slug ? -1 : 1;

function compareNullsLast<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
// Used for "newest first": larger dates first, undated last.
function compareNullsLastDescending(a: number | null, b: number | null): number {
  return a !== null && b !== null ? b - a : compareNullsLast(a, b);
}

function orderBy(entries: DirectoryEntry[], compare: (a: DirectoryEntry, b: DirectoryEntry) => number) {
  return entries
    .map((_, index) => index)
    .sort((a, b) => compare(entries[a] as DirectoryEntry, entries[b] as DirectoryEntry));
}

function positionsSortedBy(entries: DirectoryEntry[], compare: (a: number, b: number) => number) {
  return entries.map((_, index) => index).sort(compare);
}

function sortedValues<T extends string | number>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function tally(entries: DirectoryEntry[], pick: (entry: DirectoryEntry) => readonly string[]) {
  const counts = new Map<string, number>();
  for (const entry of entries)
    for (const value of pick(entry)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** What sorting and indexing a copy's entries produce: a saved copy brings its own, so a start skips the work. */
export interface SnapshotIndexes {
  orders: DirectorySnapshot['orders'];
  postings: Map<string, number[]>;
}

/** The indexes of every organisation's copy and, when some are not active, of the active ones' copy. */
export interface SnapshotsIndexes {
  everyone: SnapshotIndexes;
  active: SnapshotIndexes | null;
}

/** The active organisations' copy, and beside it the copy of every organisation for the status filter. */
export function buildSnapshots(
  entries: DirectoryEntry[],
  token: string,
  changedAt: Date,
  indexes?: SnapshotsIndexes,
): DirectorySnapshot {
  const everyone = buildSnapshot(entries, token, changedAt, indexes?.everyone);
  const active = entries.filter((entry) => entry.status === 'active');
  if (active.length === entries.length) return everyone;
  return { ...buildSnapshot(active, token, changedAt, indexes?.active ?? undefined), everyone };
}

/** The joined and country sorts' comparisons of positions in `entries`, ties broken by the name's rank. */
export function orderComparisons(entries: readonly DirectoryEntry[], nameRanks: Int32Array) {
  // Ties are broken by the name's rank: one string sort, then integer comparisons.
  const thenByName = (a: number, b: number) => (nameRanks[a] ?? 0) - (nameRanks[b] ?? 0);
  return {
    // Newest first (the default for this sort), undated last; ascending walks it backwards.
    joined: (a: number, b: number) =>
      compareNullsLastDescending(entries[a]?.firstJoinedAt ?? null, entries[b]?.firstJoinedAt ?? null) ||
      thenByName(a, b),
    country: (a: number, b: number) =>
      compareNullsLast(entries[a]?.country ?? null, entries[b]?.country ?? null) || thenByName(a, b),
  };
}

/** The sort orders and filter postings of `entries`. */
export function snapshotIndexes(entries: DirectoryEntry[]): SnapshotIndexes {
  const name = orderBy(entries, byName);
  const compare = orderComparisons(entries, ranksOf(name));
  const orders = { name, joined: positionsSortedBy(entries, compare.joined), country: positionsSortedBy(entries, compare.country) };
  return { orders, postings: buildPostings(entries) };
}

export function buildSnapshot(
  entries: DirectoryEntry[],
  token: string,
  changedAt: Date,
  indexes: SnapshotIndexes = snapshotIndexes(entries),
): DirectorySnapshot {
  const present = <T>(values: (T | null)[]) => values.filter((value): value is T => value !== null);
  const initiativeCounts = tally(entries, (entry) => entry.initiatives);
  const countries = sortedValues(present(entries.map((entry) => entry.country)));
  const { orders, postings } = indexes;
  const snapshot: Omit<DirectorySnapshot, 'everyone'> = {
    token,
    changedAt,
    entries,
    bySlug: new Map(entries.map((entry) => [entry.slug, entry])),
    orders,
    ranks: { name: ranksOf(orders.name), joined: ranksOf(orders.joined), country: ranksOf(orders.country) },
    postings,
    facetCounts: unfilteredFacetCounts(postings),
    facets: {
      initiatives: INITIATIVE_SLUGS.filter((slug) => initiativeCounts.has(slug)),
      countries,
      categories: sortedValues(present(entries.map((entry) => entry.category))),
      sectors: sortedValues(present(entries.map((entry) => entry.sector))),
      commitments: sortedValues(entries.flatMap((entry) => entry.commitments)),
      evidenceLevels: sortedValues(entries.map((entry) => entry.evidenceLevel)),
      joinedYears: sortedValues(entries.flatMap((entry) => entry.joinedYears)),
    },
    countsByInitiative: {
      'tech-accord': initiativeCounts.get('tech-accord') ?? 0,
      'paris-call': initiativeCounts.get('paris-call') ?? 0,
    },
    countsByCommitment: tally(entries, (entry) => entry.commitments),
    countryCount: countries.length,
  };
  const built = snapshot as DirectorySnapshot;
  built.everyone = built;
  return built;
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Reads every organisation's directory fields in one streamed query (or those updated since `updatedSince`). */
export async function loadDirectoryEntries(updatedSince?: Date): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  const cursor = Organisation.find(updatedSince ? { updatedAt: { $gte: updatedSince } } : {})
    .select(
      'slug name searchKey country category sector website domains memberships status initiatives commitments evidenceLevel joinedYears firstJoinedAt origin demo',
    )
    .lean()
    .cursor({ batchSize: 2000 });
  for await (const doc of cursor) {
    entries.push({
      id: String(doc._id),
      slug: doc.slug,
      name: doc.name,
      searchKey: doc.searchKey,
      searchText: ` ${doc.searchKey}`,
      country: textOrNull(doc.country),
      category: textOrNull(doc.category),
      sector: textOrNull(doc.sector),
      initiatives: stringsOf(doc.initiatives),
      commitments: stringsOf(doc.commitments),
      evidenceLevel: doc.evidenceLevel,
      joinedYears: Array.isArray(doc.joinedYears)
        ? doc.joinedYears.filter((year): year is number => typeof year === 'number')
        : [],
      firstJoinedAt: doc.firstJoinedAt instanceof Date ? doc.firstJoinedAt.getTime() : null,
      website: textOrNull(doc.website),
      domains: doc.domains.map((domain) => domain.toLowerCase()),
      memberships: doc.memberships.map((membership) => ({
        initiative: membership.initiative,
        joinedAt: membership.joinedAt instanceof Date ? membership.joinedAt.getTime() : null,
        status: membership.status,
      })),
      status: doc.status?.state ?? 'active',
      statusReason: doc.status?.reason ?? '',
      statusSince: doc.status?.since instanceof Date ? doc.status.since.getTime() : null,
      listedAsNewest: !doc.demo && doc.origin !== 'synthetic',
      demo: doc.demo,
    });
  }
  return entries;
}
