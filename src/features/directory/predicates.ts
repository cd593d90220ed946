import type { DirectoryFilters } from '../../models/directoryQuery';
import { toSearchKey } from '../../models/searchKey';
import type { DirectoryEntry } from './snapshot';

const MAX_SEARCH_WORDS = 8;

export type Predicate = (entry: DirectoryEntry) => boolean;
export type FacetKey = Exclude<keyof DirectoryFilters, 'search'>;

export const FACET_KEYS: readonly FacetKey[] = [
  'status',
  'initiative',
  'country',
  'category',
  'sector',
  'commitment',
  'evidenceLevel',
  'joinedYear',
];

/** Every word of the search must start a word of the name (case- and accent-folded); null for no search. */
export function searchPredicate(search: string | undefined): Predicate | null {
  const words = toSearchKey(search ?? '')
    .split(' ')
    .filter((word) => word.length > 0)
    .slice(0, MAX_SEARCH_WORDS)
    .map((word) => ` ${word}`);
  if (words.length === 0) return null;
  return (entry) => words.every((word) => entry.searchText.includes(word));
}

/** The values an entry has for one filter, as they appear in the URL. */
export function facetValuesOf(entry: DirectoryEntry, key: FacetKey): readonly (string | number)[] {
  switch (key) {
    case 'initiative':
      return entry.initiatives;
    case 'commitment':
      return entry.commitments;
    case 'joinedYear':
      return entry.joinedYears;
    case 'evidenceLevel':
      return [entry.evidenceLevel];
    default: {
      const value = entry[key];
      return value === null ? [] : [value];
    }
  }
}

function predicateFor(key: FacetKey, chosen: string | number): Predicate {
  switch (key) {
    case 'initiative':
      return (entry) => entry.initiatives.includes(String(chosen));
    case 'commitment':
      return (entry) => entry.commitments.includes(String(chosen));
    case 'joinedYear':
      return (entry) => entry.joinedYears.includes(Number(chosen));
    default:
      return (entry) => entry[key] === chosen;
  }
}

/** One test per chosen filter, so facets can ask "matches everything but this one". */
export function filterPredicates(filters: DirectoryFilters): { key: FacetKey; test: Predicate }[] {
  const tests: { key: FacetKey; test: Predicate }[] = [];
  for (const key of FACET_KEYS) {
    const chosen = filters[key];
    if (chosen !== undefined) tests.push({ key, test: predicateFor(key, chosen) });
  }
  return tests;
}
