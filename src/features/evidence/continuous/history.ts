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

const sameFindings = (a: readonly Problem[], b: readonly Problem[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export const sameResult = (
  entry: Pick<HistoryEntry, 'level' | 'findings'>,
  level: string,
  findings: Problem[],
) => entry.level === level && sameFindings(entry.findings, findings);

/**
 * The history after one more definite result: a repeat of the latest entry only moves its `until`; a change
 * of level, problems or status opens a new entry. The oldest entries go beyond `MAX_HISTORY_ENTRIES`.
 */
export function recordInHistory(
  history: readonly HistoryEntry[],
  result: { level: string; findings: Problem[]; status: EvidenceStatus },
  now: Date,
): { history: HistoryEntry[]; changed: boolean } {
  const latest = history[history.length - 1];
  if (latest && sameResult(latest, result.level, result.findings) && latest.status === result.status) {
    return { history: [...history.slice(0, -1), { ...latest, until: now }], changed: false };
  }
  const entry: HistoryEntry = { ...result, checkedAt: now, until: now };
  return { history: [...history, entry].slice(-MAX_HISTORY_ENTRIES), changed: true };
}
