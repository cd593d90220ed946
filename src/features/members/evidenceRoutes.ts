import { Router, type Request, type Response } from 'express';
import { actorFrom } from '../../audit/actor';
import { Evidence } from '../../models/evidence';
import { EVIDENCE_KINDS } from '../../reference/evidenceLevels';
import { commitmentKey } from '../../reference/initiatives';
import type { Services } from '../../services';
import { formatDate } from '../directory/labels';
import { parseEvidenceForm, type FieldErrors } from './forms';
import { organisationGuard } from './guards';
import { loadedOrganisation, type MemberOrganisation } from './loadOrganisation';

interface EvidenceValues {
  kind: string;
  subject: string;
  commitment: string;
}

const emptyValues: EvidenceValues = { kind: 'dmarc', subject: '', commitment: '' };
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Every commitment of the organisation's initiatives, as `initiative:code` keys with their titles. */
function commitmentOptions(organisation: MemberOrganisation, req: Request) {
  return organisation.initiatives.flatMap((initiative) =>
    initiative.commitments.map((commitment) => ({
      value: commitmentKey(initiative.slug, commitment.code),
      label: `${initiative.name[req.language]}: ${commitment.title[req.language]}`,
    })),
  );
}

async function renderEvidence(req: Request, res: Response, status: number, values: EvidenceValues, errors: FieldErrors = {}) {
  const organisation = loadedOrganisation(res);
  const commitments = commitmentOptions(organisation, req);
  const entries = await Evidence.listFor(organisation._id).lean();
  res.status(status).render('members/evidence', {
    title: req.t('members:evidence.title', { name: organisation.name }),
    organisation,
    values,
    errors,
    kinds: EVIDENCE_KINDS.map((kind) => ({ value: kind, label: req.t(`directory:evidenceKind.${kind}`) })),
    commitments,
    entries: entries.map((entry) => ({
      id: String(entry._id),
      kind: req.t(`directory:evidenceKind.${entry.kind}`),
      subject: entry.subject,
      commitment: commitments.find((option) => option.value === entry.commitment)?.label ?? null,
      status: req.t(`directory:evidenceStatus.${entry.status}`),
      checkedAt: formatDate(entry.checkedAt ?? null, req.language),
      problems: entry.latestResult?.problems ?? [],
    })),
  });
}

/** Evidence entries: list with status, add (a mail domain or an address, its kind and commitment), remove. */
export function evidenceRoutes({ members }: Pick<Services, 'members'>): Router {
  const router = Router();
  const path = '/account/organisations/:slug/evidence';
  const backTo = (organisation: MemberOrganisation) => `/account/organisations/${organisation.slug}/evidence`;

  router.get(path, ...organisationGuard(), (req, res) => renderEvidence(req, res, 200, emptyValues));

  router.post(path, ...organisationGuard(), async (req, res) => {
    const organisation = loadedOrganisation(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { kind: asText(body['kind']), subject: asText(body['subject']), commitment: asText(body['commitment']) };
    const known = commitmentOptions(organisation, req).map((option) => option.value);
    const parsed = parseEvidenceForm(body, known);
    if (!parsed.ok) return renderEvidence(req, res, 400, values, parsed.errors);
    const outcome = await members.addEvidence(actorFrom(req), organisation._id, parsed.data);
    if (outcome === 'duplicate') return renderEvidence(req, res, 400, values, { subject: 'errors.duplicate' });
    req.flash('success', req.t('members:evidence.added', { subject: parsed.data.subject }));
    res.redirect(303, backTo(organisation));
  });

  router.post(`${path}/:evidenceId/remove`, ...organisationGuard(), async (req, res) => {
    const organisation = loadedOrganisation(res);
    const removed = await members.removeEvidence(actorFrom(req), organisation._id, String(req.params['evidenceId'] ?? ''));
    req.flash(removed ? 'success' : 'info', req.t(removed ? 'members:evidence.removed' : 'members:evidence.alreadyRemoved'));
    res.redirect(303, backTo(organisation));
  });

  return router;
}
