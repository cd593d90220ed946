import type { Express } from 'express';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Authenticator } from '../middleware/authentication';
import { createDirectory, directoryRoutes } from './directory';
import { homeRoutes } from './home/routes';
import { initiativeRoutes } from './initiatives/routes';
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
  const directory = createDirectory(context.config);
  app.use(homeRoutes(directory));
  app.use(directoryRoutes(directory));
  app.use(initiativeRoutes(directory));
  app.use(languageRoutes(context.config));
}
