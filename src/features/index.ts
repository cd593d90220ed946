import type { Express } from 'express';
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

/** What a feature's routes may use: the built services and the app's authenticator. */
export interface FeatureContext {
  config: Config;
  logger: Logger;
  connection: Connection;
  authenticator: Authenticator;
  services: Services;
}

/** Feature routers in the order they are tried. A new feature is one line here. */
export function registerFeatures(app: Express, context: FeatureContext): void {
  const { directory } = context.services;
  app.use(securityTxtRoutes(context.config));
  app.use(homeRoutes(directory));
  app.use(directoryRoutes(directory));
  app.use(initiativeRoutes(directory));
  app.use(activityRoutes(context));
  app.use(statisticsRoutes(context.services));
  app.use(languageRoutes(context.config));
  app.use(accountRoutes(context));
  app.use(memberRoutes(context.services));
  app.use(devOutboxRoutes(context.config));
  app.use(openDataRoutes(directory, context));
  app.use(applicationRoutes(context));
  app.use(petitionOpenDataRoutes(context.config.openData.licence));
  app.use(petitionRoutes(context));
  app.use(secretariatRoutes(context));
}
