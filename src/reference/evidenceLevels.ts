/** Summary of an organisation's evidence, denormalised on the organisation for the directory filter. */
export const EVIDENCE_LEVELS = ['none', 'partial', 'verified'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

export const EVIDENCE_KINDS = [
  'dmarc',
  'spf',
  'mta-sts',
  'security-txt',
  'vdp-url',
  'report-url',
  'document',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_STATUSES = ['verified', 'failing', 'stale', 'pending-review'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** none: nothing verified; verified: everything checked is verified; partial: in between. Pending is ignored. */
export function evidenceLevelOf(statuses: readonly EvidenceStatus[]): EvidenceLevel {
  const checked = statuses.filter((status) => status !== 'pending-review');
  const verified = checked.filter((status) => status === 'verified').length;
  if (verified === 0) return 'none';
  return verified === checked.length ? 'verified' : 'partial';
}
