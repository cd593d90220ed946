import { Router } from 'express';
import type { FeatureContext } from '..';
import type { DirectoryDependencies } from '../directory';
import { downloadRoutes } from './downloadRoutes';

/** Open data: downloads of any directory query, the read API and its documentation, the Atom feeds. */
export function openDataRoutes(directory: DirectoryDependencies, context: FeatureContext): Router {
  const router = Router();
  router.use(downloadRoutes(directory, context.config));
  return router;
}
