import { Router } from 'express';
import type { Services } from '../../services';
import { accountHomeRoutes } from './accountHomeRoutes';
import { evidenceRoutes } from './evidenceRoutes';
import { organisationRoutes } from './organisationRoutes';
import { pledgeRoutes } from './pledgeRoutes';

/** Member self-service: `/account` and `/account/organisations/...`. */
export function memberRoutes(services: Pick<Services, 'members' | 'pledges' | 'evidence'>): Router {
  const router = Router();
  router.use(accountHomeRoutes());
  router.use(organisationRoutes(services));
  router.use(pledgeRoutes(services));
  router.use(evidenceRoutes(services));
  return router;
}
