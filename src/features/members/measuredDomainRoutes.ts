import { Router } from 'express';
import { actorFrom } from '../../audit/actor';
import type { Services } from '../../services';
import { parseMailDomainForm, parseMeasuredDomainField } from './forms';
import { organisationGuard } from './guards';
import { loadedOrganisation } from './loadOrganisation';
import { emptyEvidenceValues, renderEvidence } from './evidencePage';

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The registry's measurements of the organisation, from its evidence page: add a mail domain, mark one "not ours". */
export function measuredDomainRoutes({ measured }: Pick<Services, 'measured'>): Router {
  const router = Router();
  const path = '/account/organisations/:slug/evidence/measured';
  const evidencePage = (slug: string) => `/account/organisations/${slug}/evidence`;

  router.post(path, ...organisationGuard(), async (req, res) => {
    const organisation = loadedOrganisation(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { ...emptyEvidenceValues, mailDomain: asText(body['mailDomain']) };
    const parsed = parseMailDomainForm(body);
    if (!parsed.ok) return renderEvidence(req, res, 400, values, parsed.errors);
    const domain = parsed.data.mailDomain;
    const outcome = await measured.addMailDomain(actorFrom(req), organisation._id, domain);
    if (outcome === 'duplicate') return renderEvidence(req, res, 400, values, { mailDomain: 'errors.mailDomainDuplicate' });
    req.flash('success', req.t('verification:measured.added', { domain }));
    res.redirect(303, `${evidencePage(organisation.slug)}#measured-title`);
  });

  router.post(`${path}/not-ours`, ...organisationGuard(), async (req, res) => {
    const organisation = loadedOrganisation(res);
    const domain = parseMeasuredDomainField(req.body);
    const outcome = domain ? await measured.markNotOurs(actorFrom(req), organisation._id, domain) : 'not-found';
    if (outcome === 'marked') req.flash('success', req.t('verification:measured.markedNotOurs', { domain }));
    else req.flash('info', req.t('verification:measured.notFound'));
    res.redirect(303, `${evidencePage(organisation.slug)}#measured-title`);
  });

  return router;
}
