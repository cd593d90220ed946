import type { ChangeTransaction, AuditedChange, NoChange } from '../../../audit/recordChange';
import { Evidence } from '../../../models/evidence';
import { Organisation } from '../../../models/organisation';
import { evidenceLevelOf } from '../../../reference/evidenceLevels';
import { describeProblem } from '../checks/describeProblem';
import type { CheckName, CheckResult, Problem } from '../checks/types';
import type { EvidenceSettings } from '../evidenceSettings';
import { recordInHistory, type HistoryEntry } from './history';
import { nextCheckAt, nextVerificationState } from './verificationRules';
import { enqueueWarningMail } from './warningMail';
import { isWarning, newWarnings, warningState } from './warnings';

export interface CheckOutcome {
  evidenceId: string;
  outcome: 'checked' | 'error' | 'gone';
  level: string;
  status: string | null;
}

type Change = AuditedChange<CheckOutcome> | NoChange<CheckOutcome>;

const englishTexts = (findings: Problem[]) =>
  findings.map((found) => describeProblem(found, 'en').slice(0, 500));

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
async function recordError(
  tx: ChangeTransaction,
  id: string,
  errors: number,
  result: CheckResult,
  settings: EvidenceSettings,
): Promise<Change> {
  await Evidence.updateOne(
    { _id: id },
    {
      $set: {
        consecutiveErrors: errors,
        lastError: { at: tx.now, findings: result.problems },
        nextCheckAt: nextCheckAt(tx.now, settings.schedule, errors),
      },
    },
    { session: tx.session },
  );
  return { unchanged: true, result: { evidenceId: id, outcome: 'error', level: 'error', status: null } };
}

/** Inside the audited change: the new result, status and history of one evidence entry, and its organisation's level. */
export async function applyCheckResult(
  tx: ChangeTransaction,
  id: string,
  result: CheckResult,
  settings: EvidenceSettings,
  linkTo: (path: string) => string = (path) => path,
): Promise<Change> {
  const current = await Evidence.findById(id).session(tx.session).lean();
  if (!current)
    return {
      unchanged: true,
      result: { evidenceId: id, outcome: 'gone', level: result.level, status: null },
    };
  if (result.level === 'error')
    return recordError(tx, id, (current.consecutiveErrors ?? 0) + 1, result, settings);

  const check = result.check as CheckName;
  const state = nextVerificationState(
    { status: current.status, failingSince: current.failingSince ?? null },
    check,
    result.level,
    tx.now,
    settings.staleAfterMs,
  );
  const { history, changed } = recordInHistory(
    historyOf(current.history),
    { level: result.level, findings: result.problems, status: state.status },
    tx.now,
  );
  const warnings = warningState(result.problems);
  const raised = newWarnings(current.warnings ?? [], warnings);
  const latestResult = {
    level: result.level,
    details: { record: result.record, ...result.fields },
    problems: englishTexts(result.problems),
    findings: result.problems,
    status: state.status,
    checkedAt: tx.now,
  };
  await Evidence.updateOne(
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
        warnings,
        nextCheckAt: nextCheckAt(tx.now, settings.schedule, 0),
      },
    },
    { session: tx.session },
  );
  const outcome: CheckOutcome = {
    evidenceId: id,
    outcome: 'checked',
    level: result.level,
    status: state.status,
  };
  if (!changed) return { unchanged: true, result: outcome };
  if (raised.length > 0) {
    const raisedFindings = result.problems.filter((found) => isWarning(found) && raised.includes(found.code));
    await enqueueWarningMail(tx, current.organisation, current, raisedFindings, linkTo);
  }

  const statuses = await Evidence.find({ organisation: current.organisation }, { status: 1 })
    .session(tx.session)
    .lean();
  await Organisation.updateOne(
    { _id: current.organisation },
    { $set: { evidenceLevel: evidenceLevelOf(statuses.map((item) => item.status)) } },
    { session: tx.session },
  );
  return {
    subject: { kind: 'evidence', id },
    organisation: current.organisation,
    before: { level: current.latestResult?.level ?? null, status: current.status },
    after: {
      level: result.level,
      status: state.status,
      problems: result.problems.map((found) => found.code),
    },
    result: outcome,
  };
}
