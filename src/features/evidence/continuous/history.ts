import type { EvidenceStatus } from '../../../reference/evidenceLevels';
import type { Problem } from '../checks/types';

export interface HistoryEntry {
  level: string;
  findings: Problem[];
  status: EvidenceStatus;
  /** When this result was first seen… */
  checkedAt: Date;
  /** …and last seen unchanged ("unchanged from checkedAt to until"). */
  until: Date;
}

export const MAX_HISTORY_ENTRIES = 100;

/**
 * Parameters that change from one check to the next without the finding meaning anything new (the days
 * left before a date that stays the same): they are shown, never compared.
 */
const COUNTDOWN_PARAMS: Record<string, readonly string[]> = {
  'securityTxt.expiresSoon': ['days'],
};

/** A finding as compared between two results: its code and the parameters that carry its meaning. */
function meaningOf(found: Problem): Problem {
  const ignored = COUNTDOWN_PARAMS[found.code];
  if (!ignored || !found.params) return found;
  const params = Object.fromEntries(Object.entries(found.params).filter(([name]) => !ignored.includes(name)));
  return { code: found.code, params };
}

const sameFindings = (a: readonly Problem[], b: readonly Problem[]): boolean =>
  JSON.stringify(a.map(meaningOf)) === JSON.stringify(b.map(meaningOf));

export const sameResult = (
  entry: Pick<HistoryEntry, 'level' | 'findings'>,
  level: string,
  findings: Problem[],
) => entry.level === level && sameFindings(entry.findings, findings);

/**
 * The history after one more definite result: a repeat of the latest entry (same level, status and
 * problems, countdowns aside) only moves its `until` and takes the newest wording; a change of level,
 * problems or status opens a new entry. The oldest entries go beyond `MAX_HISTORY_ENTRIES`.
 */
export function recordInHistory(
  history: readonly HistoryEntry[],
  result: { level: string; findings: Problem[]; status: EvidenceStatus },
  now: Date,
): { history: HistoryEntry[]; changed: boolean } {
  const latest = history[history.length - 1];
  if (latest && sameResult(latest, result.level, result.findings) && latest.status === result.status) {
    return { history: [...history.slice(0, -1), { ...latest, findings: result.findings, until: now }], changed: false };
  }
  const entry: HistoryEntry = { ...result, checkedAt: now, until: now };
  return { history: [...history, entry].slice(-MAX_HISTORY_ENTRIES), changed: true };
}
