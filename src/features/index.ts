import type { Express } from 'express';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Authenticator } from '../middleware/authentication';
import { homeRoutes } from './home/routes';
import { languageRoutes } from './language/routes';

/** What a feature may use; features build their own services from it. */
export interface FeatureContext {
  config: Config;
  logger: Logger;
  connection: Connection;
  authenticator: Authenticator;
}

/** Feature routers in the order they are tried. A new feature is one line here. */
export function registerFeatures(app: Express, context: FeatureContext): void {
  app.use(homeRoutes());
  app.use(languageRoutes(context.config));
}
