import { z } from 'zod';
import { checkOptionsFromEnvironment, withoutEmpty } from './checks/verifyEnvironment';
import type { CheckContextOptions } from './checks/context';
import type { ScheduleSettings } from './continuous/verificationRules';

const hours = (value: number) => value * 3_600_000;
const days = (value: number) => value * 86_400_000;

const environmentSchema = z.object({
  EVIDENCE_CHECK_PERIOD_HOURS: z.coerce.number().positive().default(24),
  EVIDENCE_STALE_AFTER_DAYS: z.coerce.number().positive().default(30),
  EVIDENCE_LAPSE_AFTER_DAYS: z.coerce.number().positive().default(60),
  EVIDENCE_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  EVIDENCE_CHECK_NOW_COOLDOWN_MINUTES: z.coerce.number().positive().default(5),
  EVIDENCE_CHECK_NOW_PER_USER_PER_HOUR: z.coerce.number().int().min(1).default(20),
  EVIDENCE_MEASURE_WEBSITES: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.string().optional(),
  DNS_SERVERS: z.string().optional(),
});

export interface EvidenceSettings {
  schedule: ScheduleSettings;
  staleAfterMs: number;
  lapseAfterMs: number;
  concurrency: number;
  /** How long a claimed re-check may wait in the queue before another sweep claims it again. */
  claimMs: number;
  checks: CheckContextOptions;
  /** "Check now": how soon one entry may be checked on request again, and how many requests one user may make per hour. */
  checkNow: { entryCooldownMs: number; perUserPerHour: number };
  /** Whether the sweep gives every organisation's website domain to the registry's own measurements. */
  measureWebsites: boolean;
}

/** Continuous verification's settings, from the environment (see .env.example). */
export function evidenceSettingsFrom(environment: NodeJS.ProcessEnv): EvidenceSettings {
  const env = environmentSchema.parse(withoutEmpty(environment));
  return {
    schedule: {
      periodMs: hours(env.EVIDENCE_CHECK_PERIOD_HOURS),
      jitter: 0.1,
      retryBaseMs: 60_000,
      retryMaxMs: hours(6),
    },
    staleAfterMs: days(env.EVIDENCE_STALE_AFTER_DAYS),
    lapseAfterMs: days(env.EVIDENCE_LAPSE_AFTER_DAYS),
    concurrency: env.EVIDENCE_CHECK_CONCURRENCY,
    claimMs: 15 * 60_000,
    checks: checkOptionsFromEnvironment(environment),
    checkNow: {
      entryCooldownMs: env.EVIDENCE_CHECK_NOW_COOLDOWN_MINUTES * 60_000,
      perUserPerHour: env.EVIDENCE_CHECK_NOW_PER_USER_PER_HOUR,
    },
    // Off by default only in tests that name no DNS server: a server started on seeded data there must not
    // query real domains over the network.
    measureWebsites: env.EVIDENCE_MEASURE_WEBSITES
      ? env.EVIDENCE_MEASURE_WEBSITES === 'true'
      : !(env.NODE_ENV === 'test' && !env.DNS_SERVERS),
  };
}
