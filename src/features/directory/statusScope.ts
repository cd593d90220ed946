import type { DirectoryFilters } from '../../models/directoryQuery';
import type { DirectorySnapshot } from './snapshot';

export interface StatusScope {
  snapshot: DirectorySnapshot;
  /** The filters to apply to that copy: `all` needs no status test, and the active copy none either. */
  filters: DirectoryFilters;
}

/**
 * Which copy a query reads: with no status chosen, the active organisations (the default listing and its
 * fast paths); with a status, every organisation narrowed to it; with `all`, every organisation.
 */
export function statusScope(snapshot: DirectorySnapshot, filters: DirectoryFilters): StatusScope {
  if (filters.status === undefined) return { snapshot, filters };
  if (filters.status !== 'all') return { snapshot: snapshot.everyone, filters };
  const { status: _all, ...rest } = filters;
  return { snapshot: snapshot.everyone, filters: rest };
}
