import { CHANGE_MARGIN_MS } from '../directory/changedEntries';
import { Evidence } from '../../models/evidence';
import { MeasuredEvidence } from '../../models/measuredEvidence';
import type { EvidenceResult } from './statisticsInput';

const STATISTICS_EVIDENCE_KINDS = ['dmarc', 'security-txt'] as const;
type StatisticsEvidenceKind = (typeof STATISTICS_EVIDENCE_KINDS)[number];
const isStatisticsKind = (kind: string): kind is StatisticsEvidenceKind =>
  (STATISTICS_EVIDENCE_KINDS as readonly string[]).includes(kind);

/** Documents read between two pauses: a batch decodes in one go, so smaller batches block for less. */
const BATCH = 500;
const FULL_LOAD_EVERY_MS = 600_000;

/** One evidence document as the statistics see it: null when they leave it out (another kind, "not ours"). */
interface Kept {
  organisation: string;
  result: Omit<EvidenceResult, 'organisation'> | null;
}
type KeptById = Map<string, Kept>;

/** The cursor's documents, pausing every BATCH of them so a long read leaves room for requests. */
async function* paced<T>(cursor: AsyncIterable<T>, pause: () => Promise<void>): AsyncGenerator<T> {
  let read = 0;
  for await (const doc of cursor) {
    if (++read % BATCH === 0) await pause();
    yield doc;
  }
}

async function readClaimed(into: KeptById, since: Date | null, pause: () => Promise<void>): Promise<void> {
  const cursor = Evidence.find(since ? { updatedAt: { $gte: since } } : {})
    .select('organisation kind subject status latestResult checkedAt')
    .lean()
    .cursor({ batchSize: BATCH });
  for await (const doc of paced(cursor, pause)) {
    const checkedAt = doc.latestResult?.checkedAt ?? doc.checkedAt;
    into.set(String(doc._id), {
      organisation: String(doc.organisation),
      result: isStatisticsKind(doc.kind)
        ? {
            kind: doc.kind,
            subject: doc.subject,
            level: doc.latestResult?.level ?? null,
            status: doc.latestResult?.status ?? doc.status,
            checkedAt: checkedAt instanceof Date ? checkedAt.getTime() : null,
          }
        : null,
    });
  }
}

async function readMeasured(into: KeptById, since: Date | null, pause: () => Promise<void>): Promise<void> {
  const cursor = MeasuredEvidence.find(since ? { updatedAt: { $gte: since } } : {})
    .select('organisation check domain status latestResult checkedAt notOurs')
    .lean()
    .cursor({ batchSize: BATCH });
  for await (const doc of paced(cursor, pause)) {
    into.set(String(doc._id), {
      organisation: String(doc.organisation),
      result:
        isStatisticsKind(doc.check) && (doc.notOurs ?? null) === null
          ? {
              kind: doc.check,
              subject: doc.domain,
              level: doc.latestResult?.level ?? null,
              status: doc.status,
              checkedAt: doc.checkedAt instanceof Date ? doc.checkedAt.getTime() : null,
            }
          : null,
    });
  }
}

/**
 * The current DMARC and security.txt results, claimed or measured by the registry, kept between registry
 * versions: a new version reads only the evidence updated since the last read (as the directory does, see
 * changedEntries.ts), and everything when the kept documents do not number what each collection holds (a
 * deletion), and at least every 10 minutes. Updates run one at a time.
 */
export class StatisticsEvidence {
  private claimed: KeptById = new Map();
  private measured: KeptById = new Map();
  private loadedAt: number | null = null;
  private fullyLoadedAt = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private patchCount = 0;

  /** How many updates read only the changed evidence. */
  get patches(): number {
    return this.patchCount;
  }

  /** The results of the organisations in `slugById` (the active ones). */
  results(slugById: ReadonlyMap<string, string>, pause: () => Promise<void>): Promise<EvidenceResult[]> {
    const job = this.queue.then(async () => {
      await this.update(pause);
      return this.assemble(slugById);
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async update(pause: () => Promise<void>): Promise<void> {
    const readAt = Date.now();
    const [claimedCount, measuredCount] = await Promise.all([
      Evidence.estimatedDocumentCount(),
      MeasuredEvidence.estimatedDocumentCount(),
    ]);
    if (this.loadedAt !== null && readAt - this.fullyLoadedAt < FULL_LOAD_EVERY_MS) {
      const since = new Date(this.loadedAt - CHANGE_MARGIN_MS);
      // A failed patch leaves maps that may miss changes: the next update reads everything.
      this.loadedAt = null;
      await readClaimed(this.claimed, since, pause);
      await readMeasured(this.measured, since, pause);
      if (this.claimed.size === claimedCount && this.measured.size === measuredCount) {
        this.loadedAt = readAt;
        this.patchCount += 1;
        return;
      }
    }
    const claimed: KeptById = new Map();
    const measured: KeptById = new Map();
    await readClaimed(claimed, null, pause);
    await readMeasured(measured, null, pause);
    this.claimed = claimed;
    this.measured = measured;
    this.loadedAt = readAt;
    this.fullyLoadedAt = readAt;
  }

  private assemble(slugById: ReadonlyMap<string, string>): EvidenceResult[] {
    const evidence: EvidenceResult[] = [];
    for (const kept of [this.claimed, this.measured])
      for (const { organisation, result } of kept.values()) {
        const slug = slugById.get(organisation);
        if (slug !== undefined && result) evidence.push({ organisation: slug, ...result });
      }
    return evidence;
  }
}
