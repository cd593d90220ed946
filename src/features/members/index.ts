import { Router } from 'express';
import type { Services } from '../../services';
import { accountHomeRoutes } from './accountHomeRoutes';
import { evidenceRoutes } from './evidenceRoutes';
import { measuredDomainRoutes } from './measuredDomainRoutes';
import { organisationRoutes } from './organisationRoutes';
import { pledgeRoutes } from './pledgeRoutes';

/** Member self-service: `/account` and `/account/organisations/...`. */
export function memberRoutes(services: Pick<Services, 'members' | 'pledges' | 'evidence' | 'measured'>): Router {
  const router = Router();
  router.use(accountHomeRoutes());
  router.use(organisationRoutes(services));
  router.use(pledgeRoutes(services));
  router.use(evidenceRoutes(services));
  router.use(measuredDomainRoutes(services));
  return router;
}
