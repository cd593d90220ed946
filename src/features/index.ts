import type { Express } from 'express';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Authenticator } from '../middleware/authentication';
import { createDirectory, directoryRoutes, type DirectoryDependencies } from './directory';
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

// Kept per app rather than returned, so the app factory's signature stays as it is.
const directories = new WeakMap<Express, DirectoryDependencies>();

/** Feature routers in the order they are tried. A new feature is one line here. */
export function registerFeatures(app: Express, context: FeatureContext): void {
  const directory = createDirectory(context.config);
  directories.set(app, directory);
  app.use(homeRoutes(directory));
  app.use(directoryRoutes(directory));
  app.use(initiativeRoutes(directory));
  app.use(languageRoutes(context.config));
}

/** The directory services an app's pages share (its read model and page cache). */
export function directoryOf(app: Express): DirectoryDependencies | undefined {
  return directories.get(app);
}

/**
 * Loads what the first request would otherwise wait for (the directory's read model). Called by the
 * server after preparing data and before listening; createApp itself stays free of I/O.
 */
export async function warmFeatures(app: Express): Promise<void> {
  await directories.get(app)?.readModel.warm();
}
