import type { DirectoryEntry } from './snapshot';

/**
 * How far before the last load changes are read again. A change is stamped (`updatedAt`, by its writer's
 * clock) inside its transaction, before it commits: one committed after the last load was stamped at most a
 * transaction's lifetime (60 s in MongoDB) plus the clock difference between two servers before it. Reading
 * a change twice does no harm: its entry is replaced by the organisation as it is now.
 */
export const CHANGE_MARGIN_MS = 120_000;

/** Beyond this share of the organisations changed, reading them all costs no more than reading the changes. */
export const MAX_CHANGED_SHARE = 0.25;

export interface PatchLimits {
  marginMs: number;
  maxChangedShare: number;
}

/** The patched entries, and the positions of those read again (replaced in place, or added at the end). */
export interface PatchedEntries {
  entries: DirectoryEntry[];
  changed: number[];
}

export type LoadEntries = (updatedSince?: Date) => Promise<DirectoryEntry[]>;

/** Where each entry stands, by organisation id: kept per entries array, which is never changed once built. */
const positionsByEntries = new WeakMap<readonly DirectoryEntry[], Map<string, number>>();

export function positionsOf(entries: readonly DirectoryEntry[]): Map<string, number> {
  let positions = positionsByEntries.get(entries);
  if (!positions) {
    positions = new Map(entries.map((entry, position) => [entry.id, position]));
    positionsByEntries.set(entries, positions);
  }
  return positions;
}

/**
 * The previous entries with the organisations updated since `loadedAt - marginMs` read again: a
 * changed organisation keeps its entry's position, a new one is added at the end. Null when patching cannot
 * be trusted to give what a full load gives, so the caller loads everything: the count of organisations is
 * unknown, or the patched entries do not number `organisations` (an organisation was deleted or merged
 * away, or added by a writer that does not stamp `updatedAt`), or too many changed for a patch to pay.
 */
export async function patchEntries(
  previous: readonly DirectoryEntry[],
  loadedAt: number,
  organisations: number | undefined,
  loadEntries: LoadEntries,
  limits: PatchLimits = { marginMs: CHANGE_MARGIN_MS, maxChangedShare: MAX_CHANGED_SHARE },
): Promise<PatchedEntries | null> {
  if (organisations === undefined) return null;
  const changed = await loadEntries(new Date(loadedAt - limits.marginMs));
  if (changed.length > previous.length * limits.maxChangedShare) return null;
  const positions = positionsOf(previous);
  const entries = previous.slice();
  const changedPositions = new Set<number>();
  for (const entry of changed) {
    const position = positions.get(entry.id) ?? entries.length;
    entries[position] = entry;
    changedPositions.add(position);
  }
  return entries.length === organisations ? { entries, changed: [...changedPositions] } : null;
}
