import type { AuditedChange, ChangeTransaction, NoChange } from '../../../audit/recordChange';
import { MeasuredEvidence } from '../../../models/measuredEvidence';
import type { CheckResult } from '../checks/types';
import { checkedFields, errorFields } from '../continuous/resultFields';
import type { EvidenceSettings } from '../evidenceSettings';

export interface MeasuredOutcome {
  measuredId: string;
  outcome: 'checked' | 'error' | 'gone';
  level: string;
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
    const $set = errorFields(current, result, settings, tx.now);
    await MeasuredEvidence.updateOne({ _id: id }, { $set }, { session: tx.session });
    return { unchanged: true, result: { measuredId: id, outcome: 'error', level: 'error' } };
  }
  const { fields, changed } = checkedFields(current, result, settings, tx.now);
  await MeasuredEvidence.updateOne({ _id: id }, { $set: fields }, { session: tx.session });
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
