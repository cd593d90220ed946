import { Router } from 'express';
import { actorFrom } from '../../audit/actor';
import type { Services } from '../../services';
import { formatDateTime } from '../evidence/timeText';
import { parseEvidenceForm } from './forms';
import { organisationGuard } from './guards';
import { loadedOrganisation, type MemberOrganisation } from './loadOrganisation';
import { commitmentOptions, emptyEvidenceValues, renderEvidence } from './evidencePage';

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Evidence entries: list with status, add (a mail domain or an address, its kind and commitment), check now, remove. */
export function evidenceRoutes({ members, evidence }: Pick<Services, 'members' | 'evidence'>): Router {
  const router = Router();
  const path = '/account/organisations/:slug/evidence';
  const backTo = (organisation: MemberOrganisation) => `/account/organisations/${organisation.slug}/evidence`;

  router.get(path, ...organisationGuard(), (req, res) => renderEvidence(req, res, 200, emptyEvidenceValues));

  router.post(path, ...organisationGuard(), async (req, res) => {
    const organisation = loadedOrganisation(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { kind: asText(body['kind']), subject: asText(body['subject']), commitment: asText(body['commitment']), mailDomain: '' };
    const known = commitmentOptions(organisation, req).map((option) => option.value);
    const parsed = parseEvidenceForm(body, known);
    if (!parsed.ok) return renderEvidence(req, res, 400, values, parsed.errors);
    const outcome = await members.addEvidence(actorFrom(req), organisation._id, parsed.data);
    if (outcome === 'duplicate') return renderEvidence(req, res, 400, values, { subject: 'errors.duplicate' });
    req.flash('success', req.t('members:evidence.added', { subject: parsed.data.subject }));
    res.redirect(303, backTo(organisation));
  });

  router.post(`${path}/:evidenceId/check`, ...organisationGuard(), async (req, res) => {
    const organisation = loadedOrganisation(res);
    const requested = await evidence.requestCheck(actorFrom(req), organisation._id, String(req.params['evidenceId'] ?? ''));
    if (requested.outcome === 'limited') {
      const when = formatDateTime(requested.retryAt, req.language);
      const notice = req.t(`verification:checkNow.limited.${requested.limit}`, { time: when });
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((requested.retryAt.getTime() - Date.now()) / 1000))));
      return renderEvidence(req, res, 429, emptyEvidenceValues, {}, notice);
    }
    const message = {
      queued: ['success', 'verification:checkNow.queued'],
      'not-found': ['info', 'members:evidence.alreadyRemoved'],
      'not-checkable': ['info', 'verification:checkNow.notCheckable'],
    } as const;
    const [type, key] = message[requested.outcome];
    req.flash(type, req.t(key));
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
