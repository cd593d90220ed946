import { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import { importCsv, ImportFileError, readCsv } from '../../import';
import type { JobQueue } from '../../jobs/jobQueue';
import { ImportRun, UNAPPLIED_IMPORT_LIFETIME_MS } from '../../models/importRun';
import type { InitiativeSlug } from '../../reference/initiatives';
import { toStoredReport } from './storedReport';

export interface ImportRunServiceDeps {
  recordChange: RecordChange;
  clock: Clock;
  jobs: JobQueue;
}

export interface UploadedCsv {
  fileName: string;
  content: Buffer;
  initiative: InitiativeSlug | null;
}

const snapshotOf = (actor: Actor) => ({
  userId: actor.userId,
  label: actor.label,
  role: actor.role,
  organisationId: actor.organisationId,
  requestId: actor.requestId,
  ip: actor.ip,
});

type Snapshot = ReturnType<typeof snapshotOf>;

/** The secretariat member who applied the import, as the actor of every change it writes. */
const actorOf = (snapshot: Snapshot): Actor =>
  Object.freeze({ kind: 'user', ...snapshot });

/**
 * The CSV import from the browser: the same importer as `npm run import`, run by a job. An upload is read
 * at once (a file that is not a CSV we know is refused before anything is kept), then dry-run; applying it
 * is an audited change by the secretariat member, and each organisation it writes is audited with them as actor.
 */
export function createImportRunService(deps: ImportRunServiceDeps) {
  const { recordChange, clock, jobs } = deps;

  async function runOnce(id: string, state: 'checking' | 'applying') {
    const run = await ImportRun.findOne({ _id: id, state }).lean();
    if (!run?.content) return;
    const dryRun = state === 'checking';
    const appliedBy = run.appliedBy as Snapshot | null;
    let progressWrites = Promise.resolve();
    try {
      const report = await importCsv(Buffer.from(run.content.buffer), {
        dryRun,
        initiative: run.initiative ?? undefined,
        writer: !dryRun && appliedBy ? { recordChange, actor: actorOf(appliedBy) } : undefined,
        onProgress: (progress) => {
          progressWrites = progressWrites.then(() => ImportRun.updateOne({ _id: run._id }, { $set: { progress } }).then(() => undefined));
        },
      });
      await progressWrites;
      const outcome = dryRun
        ? { $set: { state: 'checked', dryRunReport: toStoredReport(report) } }
        : { $set: { state: 'applied', report: toStoredReport(report), appliedAt: clock.now() }, $unset: { content: 1 } };
      await ImportRun.updateOne({ _id: run._id, state }, outcome);
    } catch (error) {
      await progressWrites.catch(() => undefined);
      const failure = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      await ImportRun.updateOne({ _id: run._id, state }, { $set: { state: 'failed', failure } });
    }
  }

  return {
    /** Keeps the file and queues its dry run; throws ImportFileError for a file the importer cannot read. */
    async upload(actor: Actor, file: UploadedCsv): Promise<string> {
      const csv = readCsv(file.content);
      if (csv.format === 'paris-call' && file.initiative === 'tech-accord') {
        throw new ImportFileError('This is a Paris Call export; it cannot be imported into tech-accord.');
      }
      const now = clock.now();
      const run = await ImportRun.create({
        state: 'checking',
        fileName: file.fileName,
        size: file.content.length,
        content: file.content,
        initiative: file.initiative,
        uploadedBy: snapshotOf(actor),
        progress: { processed: 0, total: csv.records.length },
        expiresAt: new Date(now.getTime() + UNAPPLIED_IMPORT_LIFETIME_MS),
      });
      await jobs.enqueue({ task: 'import.run', data: { importRunId: String(run._id) } }, now);
      return String(run._id);
    },

    /** Starts the import of a checked upload; false when it is not (or no longer) waiting to be applied. */
    async apply(actor: Actor, id: string): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      return recordChange(actor, 'import.started', async (tx) => {
        const run = await ImportRun.findOneAndUpdate(
          { _id: new Types.ObjectId(id), state: 'checked' },
          { $set: { state: 'applying', appliedBy: snapshotOf(actor), 'progress.processed': 0 }, $unset: { expiresAt: 1 } },
          { session: tx.session, returnDocument: 'after', projection: { content: 0 } },
        ).lean();
        if (!run) return { unchanged: true, result: false };
        tx.enqueue('import.run', { importRunId: id });
        return { subject: { kind: 'import', id }, after: { fileName: run.fileName, rows: run.progress?.total ?? 0 }, result: true };
      });
    },

    /** The job: whichever stage the run is waiting for. Rerunning a finished stage does nothing. */
    async run(id: string): Promise<void> {
      if (!Types.ObjectId.isValid(id)) return;
      await runOnce(id, 'checking');
      await runOnce(id, 'applying');
    },

    async load(id: string) {
      if (!Types.ObjectId.isValid(id)) return null;
      return ImportRun.findById(id, { content: 0 }).lean();
    },

    async recent(limit = 20) {
      return ImportRun.find({}, { content: 0, dryRunReport: 0, report: 0 }).sort({ createdAt: -1 }).limit(limit).lean();
    },
  };
}

export type ImportRunService = ReturnType<typeof createImportRunService>;
