import type { EvidenceStatus } from '../../../reference/evidenceLevels';
import { describeProblem } from '../checks/describeProblem';
import type { CheckName, CheckResult, Problem } from '../checks/types';
import type { EvidenceSettings } from '../evidenceSettings';
import { recordInHistory, type HistoryEntry } from './history';
import { nextCheckAt, nextVerificationState } from './verificationRules';

/** What claimed and measured entries both store about their checks. */
export interface CheckedEntry {
  status: EvidenceStatus;
  failingSince?: Date | null;
  consecutiveErrors?: number | null;
  history: unknown[];
}

const englishTexts = (findings: Problem[]) => findings.map((found) => describeProblem(found, 'en').slice(0, 500));

function historyOf(stored: unknown[]): HistoryEntry[] {
  return (stored as (HistoryEntry & { until?: Date | null })[]).map((entry) => ({
    level: entry.level,
    findings: entry.findings ?? [],
    status: entry.status,
    checkedAt: entry.checkedAt,
    until: entry.until ?? entry.checkedAt,
  }));
}

/** `error` leaves the last result and status alone: it only counts, and brings the next attempt closer. */
export function errorFields(current: CheckedEntry, result: CheckResult, settings: EvidenceSettings, now: Date) {
  const errors = (current.consecutiveErrors ?? 0) + 1;
  return {
    consecutiveErrors: errors,
    lastError: { at: now, findings: result.problems },
    nextCheckAt: nextCheckAt(now, settings.schedule, errors),
  };
}

/**
 * A definite result: the entry's new status, latest result and history (unchanged results compacted), by
 * the same rules for claimed and measured evidence. `changed` says whether the history gained a row.
 */
export function checkedFields(current: CheckedEntry, result: CheckResult, settings: EvidenceSettings, now: Date) {
  const state = nextVerificationState(
    { status: current.status, failingSince: current.failingSince ?? null },
    result.check as CheckName,
    result.level,
    now,
    settings.staleAfterMs,
  );
  const { history, changed } = recordInHistory(
    historyOf(current.history),
    { level: result.level, findings: result.problems, status: state.status },
    now,
  );
  const fields = {
    status: state.status,
    failingSince: state.failingSince,
    latestResult: {
      level: result.level,
      details: { record: result.record, ...result.fields },
      problems: englishTexts(result.problems),
      findings: result.problems,
      status: state.status,
      checkedAt: now,
    },
    checkedAt: now,
    history: history.map((entry) => ({ ...entry, problems: englishTexts(entry.findings) })),
    consecutiveErrors: 0,
    lastError: null,
    nextCheckAt: nextCheckAt(now, settings.schedule, 0),
  };
  return { fields, status: state.status, changed };
}
