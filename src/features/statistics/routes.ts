import { Router } from 'express';
import { z } from 'zod';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import { sendCachedPage } from '../directory/cachedPage';
import type { DirectoryDependencies } from '../directory/routes';
import { badgeRoutes } from '../badge/routes';
import { statisticsPage, statisticsUrl } from './statisticsPage';
import type { StatisticsService } from './statisticsService';

const KNOWN_PARAMETERS = new Set(['lang', 'initiative']);
const initiativeParameter = z.enum(INITIATIVE_SLUGS);

/** The statistics page and the signatory badges, both drawn from the statistics of the current registry. */
export function statisticsRoutes({
  directory,
  statistics: service,
}: {
  directory: DirectoryDependencies;
  statistics: StatisticsService;
}): Router {
  const { cache, baseUrl } = directory;
  const router = Router();

  router.get('/statistics', async (req, res) => {
    const raw = req.query['initiative'];
    const parsed = initiativeParameter.safeParse(raw);
    const initiative = parsed.success ? parsed.data : null;
    const initiativeIgnored = raw !== undefined && raw !== '' && !parsed.success;
    const { statistics, version, changedAt } = await service.current(initiative);
    const onlyKnown = Object.keys(req.query).every((name) => KNOWN_PARAMETERS.has(name));
    const key = onlyKnown && !initiativeIgnored ? `statistics|${initiative ?? ''}` : null;
    await sendCachedPage(req, res, { cache, version, changedAt, key }, () => ({
      view: 'statistics/index',
      locals: {
        ...statisticsPage(statistics, { lang: req.language, t: req.t, initiativeIgnored }),
        canonicalUrl: `${baseUrl ?? ''}${statisticsUrl(initiative)}`,
      },
    }));
  });

  router.use(badgeRoutes({ statistics: service }));
  return router;
}
