import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import type { FeatureContext } from '..';
import type { OrganisationService } from '../organisations/organisationService';

const slug = z.string().regex(/^[a-z0-9-]{1,100}$/);
const mergeQuery = z.object({
  q: z.string().max(200).catch(''),
  duplicate: slug.optional().catch(undefined),
});
const mergeForm = z.object({ duplicate: slug, confirm: z.literal('yes') });

async function load(organisations: OrganisationService, value: string | undefined) {
  return value === undefined ? null : organisations.findBySlug(value);
}

/**
 * Merging a duplicate into an organisation: choose the duplicate (search), confirm on a page that says what
 * will move, then merge. Nothing changes before the confirmation is posted.
 */
export function organisationMergeRoutes(context: FeatureContext): Router {
  const router = Router();
  const { organisations } = context.services;

  async function render(
    req: Request,
    res: Response,
    query: { q: string; duplicate?: string | undefined },
    status = 200,
    error?: string,
  ) {
    const kept = await organisations.findBySlug(String(req.params['slug']));
    if (!kept) throw createError(404);
    const duplicate = await load(organisations, query.duplicate);
    const chosen = duplicate && !duplicate._id.equals(kept._id) ? duplicate : null;
    const candidates =
      chosen || !query.q
        ? []
        : (await organisations.search(query.q)).filter((found) => found.slug !== kept.slug);
    res.status(status).render('secretariat/organisations/merge', {
      title: req.t('organisations:merge.title', { name: kept.name }),
      kept,
      duplicate: chosen,
      preview: chosen ? await organisations.mergePreview(chosen._id) : null,
      q: query.q,
      candidates,
      error,
    });
  }

  router.get('/organisations/:slug/merge', (req, res) => render(req, res, mergeQuery.parse(req.query)));

  router.post('/organisations/:slug/merge', async (req, res) => {
    const parsed = mergeForm.safeParse(req.body ?? {});
    const duplicateSlug = slug.safeParse(
      (req.body as Record<string, unknown> | undefined)?.['duplicate'],
    ).data;
    if (!parsed.success)
      return render(
        req,
        res,
        { q: '', duplicate: duplicateSlug },
        400,
        req.t('organisations:merge.confirmRequired'),
      );
    const [kept, duplicate] = await Promise.all([
      organisations.findBySlug(String(req.params['slug'])),
      organisations.findBySlug(parsed.data.duplicate),
    ]);
    if (!kept) throw createError(404);
    if (!duplicate || duplicate._id.equals(kept._id))
      return render(req, res, { q: '' }, 400, req.t('organisations:merge.duplicateGone'));
    const outcome = await organisations.merge(actorFrom(req), kept._id, duplicate._id);
    if (outcome !== 'merged')
      return render(req, res, { q: '' }, 409, req.t('organisations:merge.duplicateGone'));
    req.flash('success', req.t('organisations:merge.done', { duplicate: duplicate.name, name: kept.name }));
    res.redirect(303, `/secretariat/organisations/${encodeURIComponent(kept.slug)}`);
  });

  return router;
}
