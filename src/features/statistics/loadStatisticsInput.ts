import { Evidence } from '../../models/evidence';
import { MeasuredEvidence } from '../../models/measuredEvidence';
import type { DirectoryEntry } from '../directory/snapshot';
import type { EvidenceResult, StatisticsInput } from './statisticsInput';

const STATISTICS_EVIDENCE_KINDS = ['dmarc', 'security-txt'] as const;
type StatisticsEvidenceKind = (typeof STATISTICS_EVIDENCE_KINDS)[number];
const isStatisticsKind = (kind: string): kind is StatisticsEvidenceKind =>
  (STATISTICS_EVIDENCE_KINDS as readonly string[]).includes(kind);

/** Documents read between two pauses: a batch decodes in one go, so smaller batches block for less. */
const BATCH = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Adds to the directory's entries (whose active memberships and domains the statistics read) the current
 * DMARC and security.txt results, claimed or measured by the registry (pending measurements
 * count their domain as not checked yet; those marked "not ours" are left out). Organisations outside the
 * entries (not active) are left out. Between batches it awaits `pause` (by default the next turn of the
 * event loop), so requests are answered.
 */
export async function loadStatisticsInput(
  entries: readonly DirectoryEntry[],
  pause: () => Promise<void> = nextTurn,
): Promise<StatisticsInput> {
  let read = 0;
  const counted = async () => {
    if (++read % BATCH === 0) await pause();
  };
  const slugById = new Map(entries.map((entry) => [entry.id, entry.slug]));
  const evidence: EvidenceResult[] = [];
  const results = Evidence.find({ kind: { $in: [...STATISTICS_EVIDENCE_KINDS] } })
    .select('organisation kind subject status latestResult checkedAt')
    .lean()
    .cursor({ batchSize: BATCH });
  for await (const doc of results) {
    await counted();
    const slug = slugById.get(String(doc.organisation));
    if (slug === undefined || !isStatisticsKind(doc.kind)) continue;
    const checkedAt = doc.latestResult?.checkedAt ?? doc.checkedAt;
    evidence.push({
      organisation: slug,
      kind: doc.kind,
      subject: doc.subject,
      level: doc.latestResult?.level ?? null,
      status: doc.latestResult?.status ?? doc.status,
      checkedAt: checkedAt instanceof Date ? checkedAt.getTime() : null,
    });
  }
  const measured = MeasuredEvidence.find({ check: { $in: [...STATISTICS_EVIDENCE_KINDS] }, notOurs: null })
    .select('organisation check domain status latestResult checkedAt')
    .lean()
    .cursor({ batchSize: BATCH });
  for await (const doc of measured) {
    await counted();
    const slug = slugById.get(String(doc.organisation));
    if (slug === undefined || !isStatisticsKind(doc.check)) continue;
    evidence.push({
      organisation: slug,
      kind: doc.check,
      subject: doc.domain,
      level: doc.latestResult?.level ?? null,
      status: doc.status,
      checkedAt: doc.checkedAt instanceof Date ? doc.checkedAt.getTime() : null,
    });
  }
  return {
    organisations: entries.map((entry) => ({
      slug: entry.slug,
      country: entry.country,
      category: entry.category,
      sector: entry.sector,
      initiatives: entry.initiatives,
      commitments: entry.commitments,
      memberships: entry.memberships
        .filter((membership) => membership.status === 'active')
        .map((membership) => ({ initiative: membership.initiative, joinedAt: membership.joinedAt })),
      domains: entry.domains,
    })),
    evidence,
  };
}
