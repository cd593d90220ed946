import type { AuditedChange, ChangeTransaction, NoChange } from '../../../audit/recordChange';
import { MeasuredEvidence } from '../../../models/measuredEvidence';
import { describeProblem } from '../checks/describeProblem';
import type { CheckName, CheckResult, Problem } from '../checks/types';
import { recordInHistory, type HistoryEntry } from '../continuous/history';
import { nextCheckAt, nextVerificationState } from '../continuous/verificationRules';
import type { EvidenceSettings } from '../evidenceSettings';

export interface MeasuredOutcome {
  measuredId: string;
  outcome: 'checked' | 'error' | 'gone';
  level: string;
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

/**
 * Inside the audited change: one measured entry's new result and history, by the same rules as claimed
 * evidence (an `error` keeps the last good result and backs off; unchanged results are compacted). An
 * entry removed or marked "not ours" meanwhile is left alone.
 */
export async function applyMeasuredResult(
  tx: ChangeTransaction,
  id: string,
  result: CheckResult,
  settings: EvidenceSettings,
): Promise<AuditedChange<MeasuredOutcome> | NoChange<MeasuredOutcome>> {
  const current = await MeasuredEvidence.findById(id).session(tx.session).lean();
  if (!current || current.notOurs)
    return { unchanged: true, result: { measuredId: id, outcome: 'gone', level: result.level } };
  if (result.level === 'error') {
    const errors = (current.consecutiveErrors ?? 0) + 1;
    const $set = {
      consecutiveErrors: errors,
      lastError: { at: tx.now, findings: result.problems },
      nextCheckAt: nextCheckAt(tx.now, settings.schedule, errors),
    };
    await MeasuredEvidence.updateOne({ _id: id }, { $set }, { session: tx.session });
    return { unchanged: true, result: { measuredId: id, outcome: 'error', level: 'error' } };
  }
  const state = nextVerificationState(
    { status: current.status, failingSince: current.failingSince ?? null },
    result.check as CheckName,
    result.level,
    tx.now,
    settings.staleAfterMs,
  );
  const { history, changed } = recordInHistory(
    historyOf(current.history),
    { level: result.level, findings: result.problems, status: state.status },
    tx.now,
  );
  const latestResult = {
    level: result.level,
    details: { record: result.record, ...result.fields },
    problems: englishTexts(result.problems),
    findings: result.problems,
    status: state.status,
    checkedAt: tx.now,
  };
  await MeasuredEvidence.updateOne(
    { _id: id },
    {
      $set: {
        status: state.status,
        failingSince: state.failingSince,
        latestResult,
        checkedAt: tx.now,
        history: history.map((entry) => ({ ...entry, problems: englishTexts(entry.findings) })),
        consecutiveErrors: 0,
        lastError: null,
        nextCheckAt: nextCheckAt(tx.now, settings.schedule, 0),
      },
    },
    { session: tx.session },
  );
  const outcome: MeasuredOutcome = { measuredId: id, outcome: 'checked', level: result.level };
  if (!changed) return { unchanged: true, result: outcome };
  return {
    subject: { kind: 'measured-evidence', id },
    organisation: current.organisation,
    before: { domain: current.domain, check: current.check, level: current.latestResult?.level ?? null },
    after: { domain: current.domain, check: current.check, level: result.level, problems: result.problems.map((found) => found.code) },
    result: outcome,
  };
}
