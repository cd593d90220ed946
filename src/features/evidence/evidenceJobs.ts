import { systemActor } from '../../audit/actor';
import type { Clock } from '../../clock';
import { JOBS_COLLECTION, type JobQueue } from '../../jobs/jobQueue';
import type { EvidenceService } from './evidenceService';
import type { MeasuredService } from './measured/measuredService';

export const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * Two tasks: `evidence.check` runs one entry's check (at most `concurrency` at once per worker);
 * `evidence.sweep` gives new websites their measured domains, claims what is due (claimed and measured
 * entries alike), queues a check for each, and queues the next sweep. `evidence.measure` checks one
 * measured entry under the same limits as `evidence.check`.
 */
export function defineEvidenceJobs(
  jobs: JobQueue,
  evidence: EvidenceService,
  measured: MeasuredService,
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
    'evidence.measure',
    async ({ measuredId }) => {
      await measured.checkMeasured(systemActor('evidence-measure'), measuredId);
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
      if (evidence.settings.measureWebsites) await measured.syncWebsiteDomains(systemActor('evidence-sweep'));
      for (const measuredId of await measured.claimDueMeasured(SWEEP_BATCH)) {
        await jobs.enqueue({ task: 'evidence.measure', data: { measuredId } }, now);
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
