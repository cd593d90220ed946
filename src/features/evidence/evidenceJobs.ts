import { systemActor } from '../../audit/actor';
import type { Clock } from '../../clock';
import { JOBS_COLLECTION, type JobQueue } from '../../jobs/jobQueue';
import type { EvidenceService } from './evidenceService';

export const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * Two tasks: `evidence.check` runs one entry's check (at most `concurrency` at once per worker);
 * `evidence.sweep` claims what is due, queues a check for each, and queues the next sweep.
 */
export function defineEvidenceJobs(
  jobs: JobQueue,
  evidence: EvidenceService,
  clock: Clock,
): { ensureSweep(): Promise<void> } {
  const pendingSweeps = () =>
    jobs.connection
      .collection(JOBS_COLLECTION)
      .countDocuments({ name: 'evidence.sweep', lastFinishedAt: null, nextRunAt: { $gt: clock.now() } });

  async function ensureSweep(): Promise<void> {
    if ((await pendingSweeps()) === 0) await jobs.enqueue({ task: 'evidence.sweep', data: {} }, clock.now());
  }

  jobs.define(
    'evidence.check',
    async ({ evidenceId }) => {
      await evidence.checkEvidence(systemActor('evidence-check'), evidenceId);
    },
    { concurrency: evidence.settings.concurrency, lockLifetimeMs: 120_000 },
  );
  jobs.define(
    'evidence.sweep',
    async () => {
      const now = clock.now();
      for (const evidenceId of await evidence.claimDue(SWEEP_BATCH)) {
        await jobs.enqueue({ task: 'evidence.check', data: { evidenceId } }, now);
      }
      if ((await pendingSweeps()) === 0) {
        await jobs.enqueue(
          { task: 'evidence.sweep', data: {}, runAt: new Date(now.getTime() + SWEEP_INTERVAL_MS) },
          now,
        );
      }
    },
    { concurrency: 1 },
  );
  return { ensureSweep };
}
