import { Router } from 'express';
import type { FeatureContext } from '..';
import { signInRoutes } from './signInRoutes';

/** Sign-in, sign-out and the signed-in user's own account pages. */
export function accountRoutes(context: FeatureContext): Router {
  const router = Router();
  router.use(signInRoutes(context));
  return router;
}
