import { Router } from 'express';
import type { FeatureContext } from '..';
import { invitationRoutes } from './invitationRoutes';
import { passwordResetRoutes } from './passwordResetRoutes';
import { securityRoutes } from './securityRoutes';
import { signInRoutes } from './signInRoutes';
import { twoFactorRoutes } from './twoFactorRoutes';
import { twoFactorSignInRoutes } from './twoFactorSignInRoutes';

/** Sign-in, sign-out and the signed-in user's own account pages. */
export function accountRoutes(context: FeatureContext): Router {
  const router = Router();
  router.use(signInRoutes(context));
  router.use(twoFactorSignInRoutes(context));
  router.use(twoFactorRoutes(context));
  router.use(passwordResetRoutes(context));
  router.use(invitationRoutes(context));
  router.use(securityRoutes(context));
  return router;
}
