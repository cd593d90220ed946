import type { Express, Router } from 'express';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Authenticator } from '../middleware/authentication';
import type { Services } from '../services';
import { accountRoutes } from './accounts';
import { applicationRoutes } from './applications/routes';
import { devOutboxRoutes } from './devOutbox/routes';
import { directoryRoutes } from './directory';
import { homeRoutes } from './home/routes';
import { initiativeRoutes } from './initiatives/routes';
import { activityRoutes } from './activities/routes';
import { languageRoutes } from './language/routes';
import { memberRoutes } from './members';
import { openDataRoutes } from './opendata';
import { petitionOpenDataRoutes } from './petitions/openDataRoutes';
import { petitionRoutes } from './petitions/routes';
import { statisticsRoutes } from './statistics/routes';
import { secretariatRoutes } from './secretariat';
import { securityTxtRoutes } from './securityTxt/routes';
import { routeByFirstSegment } from './firstSegmentRouting';

/** What a feature's routes may use: the built services and the app's authenticator. */
export interface FeatureContext {
  config: Config;
  logger: Logger;
  connection: Connection;
  authenticator: Authenticator;
  services: Services;
}

/**
 * Feature routers in the order they are tried (then `extraRouters`), each only for the first path segments
 * its routes can answer. A new feature is one line here.
 */
export function registerFeatures(app: Express, context: FeatureContext, extraRouters: Router[] = []): void {
  const { directory } = context.services;
  const routers = [
    securityTxtRoutes(context.config),
    homeRoutes(directory),
    directoryRoutes(directory),
    initiativeRoutes(directory),
    activityRoutes(context),
    statisticsRoutes(context.services),
    languageRoutes(context.config),
    accountRoutes(context),
    memberRoutes(context.services),
    devOutboxRoutes(context.config),
    openDataRoutes(directory, context),
    applicationRoutes(context),
    petitionOpenDataRoutes(context.config.openData.licence),
    petitionRoutes(context),
    secretariatRoutes(context),
  ];
  app.use(routeByFirstSegment([...routers, ...extraRouters]));
}
