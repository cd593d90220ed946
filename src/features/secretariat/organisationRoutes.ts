import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { ORGANISATION_STATES } from '../../reference/statuses';
import type { FeatureContext } from '..';

const searchQuery = z.object({ q: z.string().max(200).catch('') });
const statusForm = z.object({
  state: z.enum(ORGANISATION_STATES),
  reason: z.string().trim().max(500),
});

/** Search organisations and change one's public status (with the reason the profile shows). */
export function organisationRoutes(context: FeatureContext): Router {
  const router = Router();
  const { organisations } = context.services;

  async function renderOrganisation(req: Request, res: Response, status = 200, form?: { state: string; reason: string; error?: string }) {
    const organisation = await organisations.findBySlug(String(req.params['slug']));
    if (!organisation) throw createError(404);
    res.status(status).render('secretariat/organisations/show', {
      title: organisation.name,
      organisation,
      states: ORGANISATION_STATES,
      form: form ?? { state: organisation.status.state, reason: organisation.status.reason },
    });
  }

  router.get('/organisations', async (req, res) => {
    const { q } = searchQuery.parse(req.query);
    res.render('secretariat/organisations/index', {
      title: req.t('secretariat:organisations.title'),
      q,
      organisations: await organisations.search(q),
    });
  });

  router.get('/organisations/:slug', (req, res) => renderOrganisation(req, res));

  router.post('/organisations/:slug/status', async (req, res) => {
    const parsed = statusForm.safeParse(req.body ?? {});
    const body = (req.body ?? {}) as Record<string, unknown>;
    const entered = { state: String(body['state'] ?? ''), reason: String(body['reason'] ?? '').slice(0, 600) };
    if (!parsed.success) return renderOrganisation(req, res, 400, { ...entered, error: req.t('secretariat:organisations.statusInvalid') });
    if (parsed.data.state === 'delisted' && parsed.data.reason === '') {
      return renderOrganisation(req, res, 400, { ...entered, error: req.t('secretariat:organisations.reasonRequired') });
    }
    const organisation = await organisations.findBySlug(String(req.params['slug']));
    if (!organisation) throw createError(404);
    await organisations.changeStatus(actorFrom(req), organisation._id, parsed.data);
    req.flash('success', req.t('secretariat:organisations.statusChanged'));
    res.redirect(303, `/secretariat/organisations/${encodeURIComponent(organisation.slug)}`);
  });

  return router;
}
