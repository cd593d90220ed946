import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import { Evidence } from '../../models/evidence';
import type { CheckContext } from './checks/context';
import { normaliseDomain } from './checks/domainName';
import { runCheck } from './checks/runChecks';
import { CHECK_NAMES, type CheckName } from './checks/types';
import { applyCheckResult, type CheckOutcome } from './continuous/applyCheckResult';
import { applyLapseRule } from './continuous/applyLapseRule';
import { claimDueEntries } from './continuous/claimDue';
import { createCheckNow } from './checkNow';
import type { EvidenceSettings } from './evidenceSettings';

const isCheckName = (kind: string): kind is CheckName => (CHECK_NAMES as readonly string[]).includes(kind);

export interface EvidenceServiceDependencies {
  recordChange: RecordChange;
  clock: Clock;
  checks: CheckContext;
  settings: EvidenceSettings;
  /** Absolute links in the warning e-mails. */
  linkTo?: (path: string) => string;
}

/** Continuous verification: checks run outside any transaction; their results are written by the audited helper. */
export function createEvidenceService(deps: EvidenceServiceDependencies) {
  const { recordChange, clock, checks, settings } = deps;

  /** Runs the entry's check now; a definite answer updates result, history and status, an `error` only backs off. */
  async function checkEvidence(actor: Actor, evidenceId: string): Promise<CheckOutcome | null> {
    const evidence = await Evidence.findById(evidenceId, { kind: 1, subject: 1, organisation: 1 }).lean();
    const domain = evidence ? normaliseDomain(evidence.subject) : null;
    if (!evidence || !domain || !isCheckName(evidence.kind)) return null;
    const result = await runCheck(evidence.kind, domain, checks);
    const outcome = await recordChange(actor, 'evidence.checked', (tx) =>
      applyCheckResult(tx, evidenceId, result, settings, deps.linkTo),
    );
    if (outcome.outcome === 'checked')
      await applyLapseRule(recordChange, actor, evidence.organisation, settings);
    return outcome;
  }

  /** Claims up to `limit` entries due for a check (see `claimDueEntries`). */
  async function claimDue(limit: number): Promise<string[]> {
    const now = clock.now();
    const due = { kind: { $in: [...CHECK_NAMES] }, demo: { $ne: true }, $or: [{ nextCheckAt: null }, { nextCheckAt: { $lte: now } }] };
    return claimDueEntries(Evidence, due, new Date(now.getTime() + settings.claimMs), limit);
  }

  return {
    settings,
    checkEvidence,
    requestCheck: createCheckNow({ recordChange, settings }),
    claimDue,
    applyLapseRule: (actor: Actor, organisationId: string) =>
      applyLapseRule(recordChange, actor, organisationId, settings),
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
