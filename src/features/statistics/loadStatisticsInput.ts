import type { DirectoryEntry } from '../directory/snapshot';
import type { StatisticsEvidence } from './evidenceResults';
import type { StatisticsInput, StatisticsOrganisation } from './statisticsInput';

/** Each entry's record, made once: a patched directory copy keeps its unchanged entries, so they cost nothing again. */
const records = new WeakMap<DirectoryEntry, StatisticsOrganisation>();

function recordOf(entry: DirectoryEntry): StatisticsOrganisation {
  let record = records.get(entry);
  if (!record) {
    record = {
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
    };
    records.set(entry, record);
  }
  return record;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Adds to the directory's entries (whose active memberships and domains the statistics read) the current
 * DMARC and security.txt results, claimed or measured by the registry (pending measurements count their
 * domain as not checked yet; those marked "not ours" are left out), kept up to date by `evidence`.
 * Organisations outside the entries (not active) are left out. Between batches of evidence read it awaits
 * `pause` (by default the next turn of the event loop), so requests are answered.
 */
export async function loadStatisticsInput(
  entries: readonly DirectoryEntry[],
  evidence: StatisticsEvidence,
  pause: () => Promise<void> = nextTurn,
): Promise<StatisticsInput> {
  const slugById = new Map(entries.map((entry) => [entry.id, entry.slug]));
  return {
    organisations: entries.map(recordOf),
    evidence: await evidence.results(slugById, pause),
  };
}
