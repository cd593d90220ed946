import type { Request, Response } from 'express';
import { Evidence } from '../../models/evidence';
import { EVIDENCE_KINDS } from '../../reference/evidenceLevels';
import { commitmentKey } from '../../reference/initiatives';
import { describeProblem } from '../evidence/checks/describeProblem';
import { isWarning } from '../evidence/continuous/warnings';
import { measuredDomainsView } from '../evidence/measured/measuredView';
import { isCheckableKind } from '../evidence/queueCheck';
import { MeasuredEvidence } from '../../models/measuredEvidence';
import { formatDate } from '../directory/labels';
import type { FieldErrors } from './forms';
import { loadedOrganisation, type MemberOrganisation } from './loadOrganisation';

export interface EvidenceValues {
  kind: string;
  subject: string;
  commitment: string;
  /** The "add a mail domain for the registry to measure" form. */
  mailDomain: string;
}

export const emptyEvidenceValues: EvidenceValues = { kind: 'dmarc', subject: '', commitment: '', mailDomain: '' };

/** Every commitment of the organisation's initiatives, as `initiative:code` keys with their titles. */
export function commitmentOptions(organisation: MemberOrganisation, req: Request) {
  return organisation.initiatives.flatMap((initiative) =>
    initiative.commitments.map((commitment) => ({
      value: commitmentKey(initiative.slug, commitment.code),
      label: `${initiative.name[req.language]}: ${commitment.title[req.language]}`,
    })),
  );
}

interface StoredFinding {
  code: string;
  params?: Record<string, string | number>;
}

/** The member's evidence page: entries (with their warnings and a "Check now" button), and the form to add one. */
export async function renderEvidence(
  req: Request,
  res: Response,
  status: number,
  values: EvidenceValues,
  errors: FieldErrors = {},
  notice: string | null = null,
) {
  const organisation = loadedOrganisation(res);
  const commitments = commitmentOptions(organisation, req);
  const [entries, measured] = await Promise.all([
    Evidence.listFor(organisation._id).lean(),
    MeasuredEvidence.shownFor(organisation._id).lean(),
  ]);
  const findingsIn = (entry: (typeof entries)[number]) => (entry.latestResult?.findings ?? []) as StoredFinding[];
  const findingsOf = (stored: StoredFinding[]) =>
    stored.map((found) => describeProblem(found, req.language));
  res.status(status).render('members/evidence', {
    title: req.t('members:evidence.title', { name: organisation.name }),
    organisation,
    values,
    errors,
    notice,
    kinds: EVIDENCE_KINDS.map((kind) => ({ value: kind, label: req.t(`directory:evidenceKind.${kind}`) })),
    commitments,
    measured: measuredDomainsView(measured, req.language, req.t),
    entries: entries.map((entry) => ({
      id: String(entry._id),
      kind: req.t(`directory:evidenceKind.${entry.kind}`),
      subject: entry.subject,
      checkable: isCheckableKind(entry.kind),
      commitment: commitments.find((option) => option.value === entry.commitment)?.label ?? null,
      status: req.t(`directory:evidenceStatus.${entry.status}`),
      level: entry.latestResult?.level ?? null,
      checkedAt: formatDate(entry.checkedAt ?? null, req.language),
      warnings: findingsOf(findingsIn(entry).filter(isWarning)),
      problems: findingsOf(findingsIn(entry).filter((found) => !isWarning(found))),
      review: entry.review ? { decision: entry.review.decision, note: entry.review.note } : null,
    })),
  });
}
