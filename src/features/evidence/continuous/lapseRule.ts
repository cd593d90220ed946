import type { EvidenceStatus } from '../../../reference/evidenceLevels';

export const EVIDENCE_LAPSE_REASON = 'evidence-stale';

export interface EvidenceForLapse {
  commitment: string | null;
  status: EvidenceStatus;
  /** Since when it has been stale (failingSince + the stale period); null when not stale. */
  staleSince: Date | null;
}

export interface LapseInput {
  state: string;
  reason: string | null;
  commitments: readonly string[];
  evidence: readonly EvidenceForLapse[];
  now: Date;
  lapseAfterMs: number;
}

/** The commitments whose every piece of evidence has been stale for at least the lapse period. */
export function lapsedCommitments(input: Omit<LapseInput, 'state' | 'reason'>): string[] {
  return input.commitments.filter((commitment) => {
    const backing = input.evidence.filter((item) => item.commitment === commitment);
    return (
      backing.length > 0 &&
      backing.every(
        (item) =>
          item.status === 'stale' &&
          item.staleSince !== null &&
          input.now.getTime() - item.staleSince.getTime() >= input.lapseAfterMs,
      )
    );
  });
}

/**
 * An active organisation lapses when one of its commitments has lost all its evidence for the lapse period;
 * one lapsed for that reason (and only that one) is restored once no commitment is in that state any more.
 */
export function lapseDecision(input: LapseInput): 'lapse' | 'restore' | 'keep' {
  const lapsed = lapsedCommitments(input).length > 0;
  if (input.state === 'active' && lapsed) return 'lapse';
  if (input.state === 'lapsed' && input.reason === EVIDENCE_LAPSE_REASON && !lapsed) return 'restore';
  return 'keep';
}
