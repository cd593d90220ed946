import type { EvidenceStatus } from '../../reference/evidenceLevels';
import type { DirectoryEntry } from '../directory/snapshot';

/** One active organisation: its directory fields plus what only the statistics need. */
export interface StatisticsOrganisation extends Pick<
  DirectoryEntry,
  'slug' | 'country' | 'category' | 'sector' | 'initiatives' | 'commitments'
> {
  /** Active memberships only, with the joining time in ms since the epoch when known. */
  memberships: { initiative: string; joinedAt: number | null }[];
  /** Mail and web domains, lower case. */
  domains: string[];
}

/** The current result of one DMARC or security.txt evidence entry of an active organisation. */
export interface EvidenceResult {
  organisation: string;
  kind: 'dmarc' | 'security-txt';
  /** A domain, or for security.txt possibly the URL it is fetched from. */
  subject: string;
  level: string | null;
  status: EvidenceStatus;
  checkedAt: number | null;
}

export interface StatisticsInput {
  organisations: readonly StatisticsOrganisation[];
  evidence: readonly EvidenceResult[];
}
