import { Router } from 'express';
import { authorise } from '../../middleware/authorise';
import { policies } from '../../policies/policies';
import type { FeatureContext } from '..';
import { applicationReviewRoutes } from './applicationReviewRoutes';
import { dashboardRoutes } from './dashboardRoutes';
import { evidenceReviewRoutes } from './evidenceReviewRoutes';
import { organisationEditRoutes } from './organisationEditRoutes';
import { importRoutes } from './importRoutes';
import { organisationMergeRoutes } from './organisationMergeRoutes';
import { organisationRoutes } from './organisationRoutes';
import { petitionSecretariatRoutes } from '../petitions/secretariatRoutes';
import { auditRoutes } from './auditRoutes';
import { userActionRoutes } from './userActionRoutes';
import { userRoutes } from './userRoutes';
import { relationshipAdminRoutes } from '../relationships/secretariatRoutes';
import { activityAdminRoutes } from '../activities/secretariatRoutes';

export const SECRETARIAT_PATH = '/secretariat';

/** The secretariat's routes, relative to `/secretariat`. */
export function secretariatRouter(context: FeatureContext): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.locals.secretariatArea = true;
    next();
  });
  router.use(dashboardRoutes(context));
  router.use(applicationReviewRoutes(context));
  router.use(organisationRoutes(context));
  router.use(evidenceReviewRoutes(context));
  router.use(petitionSecretariatRoutes(context));
  router.use(userRoutes(context));
  router.use(userActionRoutes(context));
  router.use(organisationEditRoutes(context));
  router.use(relationshipAdminRoutes(context));
  router.use(auditRoutes(context));
  router.use(importRoutes(context));
  router.use(organisationMergeRoutes(context));
  router.use(activityAdminRoutes(context));
  return router;
}

/** Mounted once, behind the one role gate: anonymous visitors are sent to sign in, everyone else gets 404. */
export function secretariatRoutes(context: FeatureContext): Router {
  const gated = Router();
  gated.use(SECRETARIAT_PATH, authorise((actor) => policies.canUseSecretariat(actor)), secretariatRouter(context));
  return gated;
}
