import { Router } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { requireSignedIn } from '../../middleware/authorise';
import { Organisation } from '../../models/organisation';
import { escapeRegExp, toSearchKey } from '../../models/searchKey';
import { policies } from '../../policies/policies';
import { staffGuard } from './guards';

const SEARCH_RESULTS = 25;
const searchQuery = z.object({ q: z.string().max(200).optional().catch(undefined) });

/** Organisations whose accent-folded name starts with, or has a word starting with, the query. */
async function findOrganisations(query: string) {
  const key = toSearchKey(query);
  if (key === '') return [];
  const pattern = new RegExp(`(^|\\s)${escapeRegExp(key)}`);
  return Organisation.find({ searchKey: { $regex: pattern } }, { slug: 1, name: 1 }).sort({ searchKey: 1 }).limit(SEARCH_RESULTS).lean();
}

/** `/account`: the signed-in member's landing page; staff also find any organisation from here. */
export function accountHomeRoutes(): Router {
  const router = Router();

  router.get('/account', requireSignedIn(), async (req, res) => {
    const actor = actorFrom(req);
    const own = actor.organisationId && Types.ObjectId.isValid(actor.organisationId)
      ? await Organisation.findById(actor.organisationId, { slug: 1, name: 1 }).lean()
      : null;
    res.render('members/home', {
      title: req.t('members:home.title'),
      organisation: own ? { slug: own.slug, name: own.name } : null,
      canSearch: policies.canUseSecretariat(actor),
    });
  });

  router.get('/account/organisations', ...staffGuard(), async (req, res) => {
    const query = searchQuery.parse(req.query).q?.trim() ?? '';
    const results = query ? await findOrganisations(query) : [];
    res.render('members/organisations', {
      title: req.t('members:search.title'),
      query,
      searched: query !== '',
      results: results.map((organisation) => ({ slug: organisation.slug, name: organisation.name })),
    });
  });

  return router;
}
