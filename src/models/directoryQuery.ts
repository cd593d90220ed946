import type { Category } from '../reference/categories';
import type { EvidenceLevel } from '../reference/evidenceLevels';
import type { InitiativeSlug } from '../reference/initiatives';
import type { Sector } from '../reference/sectors';
import { ORGANISATION_STATES, type OrganisationState } from '../reference/statuses';
import { escapeRegExp, toSearchKey } from './searchKey';

/** The directory's status filter: one public status, or `all`; absent means active organisations only. */
export const DIRECTORY_STATUSES = [...ORGANISATION_STATES, 'all'] as const;
export type DirectoryStatus = OrganisationState | 'all';

/** Already-validated directory filters (the route parses the URL with zod into this shape). */
export interface DirectoryFilters {
  search?: string;
  /** Never `active`: that is the default, left out so equal queries look the same. */
  status?: Exclude<DirectoryStatus, 'active'>;
  initiative?: InitiativeSlug;
  country?: string;
  category?: Category;
  sector?: Sector;
  /** A commitment key such as `paris-call:cyber-hygiene`. */
  commitment?: string;
  evidenceLevel?: EvidenceLevel;
  joinedYear?: number;
}

export const DIRECTORY_SORTS = ['name', 'joined', 'country'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

const MAX_SEARCH_WORDS = 8;

/**
 * Every search word must start a word of the folded name: "soc gen" finds "Société Générale".
 * Only typed, validated values reach the query, each compared with $eq.
 */
export function directoryFilter(filters: DirectoryFilters): Record<string, unknown> {
  const conditions: Record<string, unknown>[] = [];
  if (filters.status !== 'all') conditions.push({ 'status.state': { $eq: filters.status ?? 'active' } });
  const words = toSearchKey(filters.search ?? '')
    .split(' ')
    .filter((word) => word.length > 0)
    .slice(0, MAX_SEARCH_WORDS);
  for (const word of words) conditions.push({ searchKey: { $regex: `(^| )${escapeRegExp(word)}` } });
  if (filters.initiative) conditions.push({ initiatives: { $eq: filters.initiative } });
  if (filters.country) conditions.push({ country: { $eq: filters.country } });
  if (filters.category) conditions.push({ category: { $eq: filters.category } });
  if (filters.sector) conditions.push({ sector: { $eq: filters.sector } });
  if (filters.commitment) conditions.push({ commitments: { $eq: filters.commitment } });
  if (filters.evidenceLevel) conditions.push({ evidenceLevel: { $eq: filters.evidenceLevel } });
  if (filters.joinedYear !== undefined) conditions.push({ joinedYears: { $eq: filters.joinedYear } });
  if (conditions.length === 0) return {};
  return conditions.length === 1 ? (conditions[0] ?? {}) : { $and: conditions };
}

/** Sorts end with _id so pages never overlap or skip when names are equal. */
export function directorySort(sort: DirectorySort): Record<string, 1 | -1> {
  switch (sort) {
    case 'joined':
      return { firstJoinedAt: -1, searchKey: 1, _id: 1 };
    case 'country':
      return { country: 1, searchKey: 1, _id: 1 };
    default:
      return { searchKey: 1, _id: 1 };
  }
}
