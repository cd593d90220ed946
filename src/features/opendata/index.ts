import { Router } from 'express';
import type { FeatureContext } from '..';
import { createRateLimiter } from '../../middleware/rateLimit';
import type { DirectoryDependencies } from '../directory';
import { API_BASE, apiRoutes } from './api/routes';
import { docsRoutes } from './docsRoutes';
import { downloadRoutes } from './downloadRoutes';
import { feedRoutes } from './feedRoutes';

/** Open data: downloads of any directory query, the read API and its documentation, the Atom feeds. */
export function openDataRoutes(directory: DirectoryDependencies, context: FeatureContext): Router {
  const { config, connection } = context;
  const router = Router();
  router.use(downloadRoutes(directory, config));
  router.use(feedRoutes(directory, config.openData.licence));
  router.use(docsRoutes(config.openData.licence));
  router.use(
    API_BASE,
    apiRoutes({
      directory,
      statistics: context.services.statistics,
      licence: config.openData.licence,
      rateLimiter: createRateLimiter(connection, {
        name: 'api',
        windowMs: config.rateLimit.windowMs,
        limit: config.openData.apiRequestsPerWindow,
      }),
    }),
  );
  return router;
}
