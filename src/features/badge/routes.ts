import { createHash } from 'node:crypto';
import { Router } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import { SLUG_PATTERN } from '../directory/profile';
import type { StatisticsService } from '../statistics/statisticsService';
import { badgeChoice, badgeText } from './badgeText';
import { badgeSvg } from './badgeSvg';

const initiativeParameter = z.enum(INITIATIVE_SLUGS).optional();
// Embedded on other sites: a short freshness, then a cheap revalidation against the registry version.
const BADGE_CACHE_CONTROL = 'public, max-age=300, must-revalidate';

/** `/signatories/{slug}/badge.svg`: an embeddable badge for a current signatory, linking to its profile. */
export function badgeRoutes({ statistics }: { statistics: StatisticsService }): Router {
  const router = Router();
  router.get('/signatories/:slug/badge.svg', async (req, res) => {
    const { slug } = req.params;
    const initiative = initiativeParameter.safeParse(req.query['initiative']);
    if (!SLUG_PATTERN.test(slug) || !initiative.success) throw createError(404);
    const { organisation, version, changedAt } = await statistics.organisation(slug);
    const choice = organisation ? badgeChoice(organisation.memberships, initiative.data ?? null) : null;
    if (!choice) throw createError(404);
    const key = `${req.language}|${slug}|${choice.initiative}`;
    const digest = createHash('sha1').update(key).digest('base64url').slice(0, 16);
    res.setHeader('ETag', `W/"${version}-${digest}"`);
    res.setHeader('Last-Modified', changedAt.toUTCString());
    res.setHeader('Cache-Control', BADGE_CACHE_CONTROL);
    // Other sites show it in an <img>; Helmet's default would refuse that.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.vary('Accept-Language').vary('Cookie');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const text = badgeText(choice, req.t);
    res.type('image/svg+xml').send(badgeSvg({ text, href: `/signatories/${slug}`, lang: req.language }));
  });
  return router;
}
