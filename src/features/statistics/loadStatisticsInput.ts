import type { DirectoryEntry } from '../directory/snapshot';
import type { StatisticsEvidence } from './evidenceResults';
import type { StatisticsInput } from './statisticsInput';

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
    evidence: await evidence.results(slugById, pause),
  };
}
