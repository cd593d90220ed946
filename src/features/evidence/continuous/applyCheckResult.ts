import type { ChangeTransaction, AuditedChange, NoChange } from '../../../audit/recordChange';
import { Evidence } from '../../../models/evidence';
import { Organisation } from '../../../models/organisation';
import { evidenceLevelOf } from '../../../reference/evidenceLevels';
import type { CheckResult } from '../checks/types';
import type { EvidenceSettings } from '../evidenceSettings';
import { checkedFields, errorFields } from './resultFields';
import { enqueueWarningMail } from './warningMail';
import { isWarning, newWarnings, warningState } from './warnings';

export interface CheckOutcome {
  evidenceId: string;
  outcome: 'checked' | 'error' | 'gone';
  level: string;
  status: string | null;
}

type Change = AuditedChange<CheckOutcome> | NoChange<CheckOutcome>;

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
  if (result.level === 'error') {
    const $set = errorFields(current, result, settings, tx.now);
    await Evidence.updateOne({ _id: id }, { $set }, { session: tx.session });
    return { unchanged: true, result: { evidenceId: id, outcome: 'error', level: 'error', status: null } };
  }

  const { fields, status, changed } = checkedFields(current, result, settings, tx.now);
  const warnings = warningState(result.problems);
  const raised = newWarnings(current.warnings ?? [], warnings);
  await Evidence.updateOne({ _id: id }, { $set: { ...fields, warnings } }, { session: tx.session });
  const outcome: CheckOutcome = {
    evidenceId: id,
    outcome: 'checked',
    level: result.level,
    status,
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
      status,
      problems: result.problems.map((found) => found.code),
    },
    result: outcome,
  };
}
