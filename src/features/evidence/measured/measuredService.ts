import type { Actor } from '../../../audit/actor';
import type { RecordChange } from '../../../audit/recordChange';
import type { Clock } from '../../../clock';
import { claimDueEntries } from '../continuous/claimDue';
import { MeasuredEvidence } from '../../../models/measuredEvidence';
import type { CheckContext } from '../checks/context';
import { runCheck } from '../checks/runChecks';
import type { EvidenceSettings } from '../evidenceSettings';
import { applyMeasuredResult, type MeasuredOutcome } from './applyMeasuredResult';
import { createMemberMeasuredDomains } from './memberMeasuredDomains';
import { syncMeasuredDomains } from './syncMeasuredDomains';

/** The registry's own measurements: which domains to measure, checking them, and what members may change. */
export function createMeasuredService(deps: {
  recordChange: RecordChange;
  clock: Clock;
  checks: CheckContext;
  settings: EvidenceSettings;
}) {
  const { recordChange, clock, checks, settings } = deps;

  /** Checks one measured entry (outside any transaction) and records the result through the audited helper. */
  async function checkMeasured(actor: Actor, measuredId: string): Promise<MeasuredOutcome | null> {
    const entry = await MeasuredEvidence.findById(measuredId, { domain: 1, check: 1, notOurs: 1 }).lean();
    if (!entry || entry.notOurs) return null;
    const result = await runCheck(entry.check, entry.domain, checks);
    return recordChange(actor, 'evidence.measured-checked', (tx) => applyMeasuredResult(tx, measuredId, result, settings));
  }

  /** As the claimed evidence's sweep: moves each due entry's next check a claim period ahead, one at a time. */
  async function claimDueMeasured(limit: number): Promise<string[]> {
    const now = clock.now();
    const due = { notOurs: null, nextCheckAt: { $ne: null, $lte: now } };
    return claimDueEntries(MeasuredEvidence, due, new Date(now.getTime() + settings.claimMs), limit);
  }

  return {
    checkMeasured,
    claimDueMeasured,
    syncWebsiteDomains: (actor: Actor) => syncMeasuredDomains(recordChange, actor),
    ...createMemberMeasuredDomains({ recordChange, claimMs: settings.claimMs }),
  };
}

export type MeasuredService = ReturnType<typeof createMeasuredService>;
