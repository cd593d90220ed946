import type { Config } from '../../config';
import { DirectoryReadModel } from './readModel';
import { RenderCache } from './renderCache';
import type { DirectoryDependencies } from './routes';

export { directoryRoutes, type DirectoryDependencies } from './routes';
export { bumpRegistryVersion } from './registryVersion';

const RENDERED_PAGES_KEPT = 500;

/**
 * One read model and page cache per app, shared by the home, directory and initiative pages. Tests check
 * the registry version on every request so a change is visible at once; servers at most once a second.
 */
export function createDirectory(config: Pick<Config, 'env' | 'baseUrl'>): DirectoryDependencies {
  return {
    readModel: new DirectoryReadModel({ checkIntervalMs: config.env === 'test' ? 0 : 1000 }),
    cache: new RenderCache(RENDERED_PAGES_KEPT),
    baseUrl: config.baseUrl,
  };
}
