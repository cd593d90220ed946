import type { EvidenceStatus } from '../../../reference/evidenceLevels';
import type { CheckLevel, CheckName } from '../checks/types';

/** The levels that keep a claim verified; anything else definite is failing. `error` decides nothing. */
export const PASSING_LEVELS: { [C in CheckName]: readonly CheckLevel<C>[] } = {
  dmarc: ['quarantine', 'reject'],
  spf: ['softfail', 'fail'],
  'mta-sts': ['testing', 'enforce'],
  'security-txt': ['valid'],
};

export const isPassing = (check: CheckName, level: string): boolean =>
  (PASSING_LEVELS[check] as readonly string[]).includes(level);

export interface VerificationState {
  status: EvidenceStatus;
  /** Since when the evidence has been failing without a break; null while verified. */
  failingSince: Date | null;
}

/**
 * The status after a definite result: verified when passing; failing from the first failing result;
 * stale once it has been failing for longer than `staleAfterMs`. An `error` result never gets here.
 */
export function nextVerificationState(
  previous: VerificationState,
  check: CheckName,
  level: string,
  now: Date,
  staleAfterMs: number,
): VerificationState {
  if (isPassing(check, level)) return { status: 'verified', failingSince: null };
  const failingSince = previous.failingSince ?? now;
  const stale = now.getTime() - failingSince.getTime() >= staleAfterMs;
  return { status: stale ? 'stale' : 'failing', failingSince };
}

export interface ScheduleSettings {
  periodMs: number;
  /** Spread of the next regular check, as a fraction of the period (0.1: ±10 %). */
  jitter: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** When to check again: after the period ± jitter for a definite answer, sooner with backoff after `error`. */
export function nextCheckAt(
  now: Date,
  settings: ScheduleSettings,
  consecutiveErrors: number,
  random: () => number = Math.random,
): Date {
  if (consecutiveErrors > 0) {
    const delay = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** (consecutiveErrors - 1));
    return new Date(now.getTime() + delay);
  }
  const spread = settings.periodMs * settings.jitter * (random() * 2 - 1);
  return new Date(now.getTime() + settings.periodMs + spread);
}
