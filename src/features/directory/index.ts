import type { Config } from '../../config';
import { DirectoryReadModel } from './readModel';
import { RenderCache } from './renderCache';
import { readSavedSnapshot, saveSnapshot } from './savedEntries';
import type { DirectoryDependencies } from './routes';
import type { RenderedPage } from './cachedPage';

export { directoryRoutes, type DirectoryDependencies } from './routes';
export { bumpRegistryVersion } from '../../models/registryVersion';

const RENDERED_PAGES_KEPT = 500;

/**
 * One read model and page cache per app, shared by the home, directory and initiative pages. Tests check
 * the registry version on every request and wait for a rebuild, so a change is visible at once; servers
 * check at most once per DIRECTORY_VERSION_CHECK_MS and answer from the previous copy while a new one loads.
 */
export function createDirectory(
  config: Pick<Config, 'env' | 'baseUrl' | 'directoryVersionCheckMs'>,
): DirectoryDependencies {
  const isTest = config.env === 'test';
  return {
    readModel: new DirectoryReadModel({
      checkIntervalMs: config.directoryVersionCheckMs,
      serveStaleWhileRebuilding: !isTest,
      saved: isTest ? undefined : { read: readSavedSnapshot, save: saveSnapshot },
    }),
    cache: new RenderCache<RenderedPage>(RENDERED_PAGES_KEPT),
    baseUrl: config.baseUrl,
  };
}
