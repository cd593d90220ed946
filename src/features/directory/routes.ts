import { Router } from 'express';
import createError from 'http-errors';
import { createFilterPanels } from './filterPanels';
import { createResultRows } from './resultRows';
import { listViewModel } from './listView';
import { loadProfile, mergedInto, profileViewModel, SLUG_PATTERN } from './profile';
import { directoryUrl, parseDirectoryQuery, queryString } from './query';
import type { DirectoryReadModel } from './readModel';
import type { RenderCache } from './renderCache';
import { onlyLanguageParameter, sendCachedPage, type RenderedPage } from './cachedPage';
import { searchDirectory } from './search';
import { badgeEmbeds } from '../badge/embed';

export interface DirectoryDependencies {
  readModel: DirectoryReadModel;
  cache: RenderCache<RenderedPage>;
  /** Absolute base for the canonical link, when the deployment knows its public address. */
  baseUrl: string | undefined;
}

export function directoryRoutes({ readModel, cache, baseUrl }: DirectoryDependencies): Router {
  const router = Router();
  const filterPanel = createFilterPanels();
  const resultRows = createResultRows();

  router.get('/signatories', async (req, res) => {
    const { query, ignored } = parseDirectoryQuery(req.query as Record<string, unknown>);
    const snapshot = await readModel.current();
    const canonicalPath = directoryUrl(query);
    const context = {
      cache,
      version: snapshot.token,
      changedAt: snapshot.changedAt,
      key: ignored.length === 0 ? `list${queryString(query)}` : null,
    };
    await sendCachedPage(req, res, context, async () => {
      const result = searchDirectory(snapshot, query);
      if (result.total > 0 && query.page > result.lastPage) {
        return { redirect: directoryUrl({ ...query, page: result.lastPage }) };
      }
      const viewContext = { snapshot, query, lang: req.language, t: req.t };
      return {
        view: 'directory/index',
        locals: {
          ...listViewModel(viewContext, result, ignored),
          filterPanel: await filterPanel(res, viewContext),
          results: await resultRows(res, result.entries, req.language, req.t),
          canonicalUrl: `${baseUrl ?? ''}${canonicalPath}`,
          // Downloads hold every page of the query.
          downloadQuery: queryString({ ...query, page: 1, size: 20 }),
        },
      };
    });
  });

  router.get('/signatories/:slug', async (req, res) => {
    const { slug } = req.params;
    if (!SLUG_PATTERN.test(slug)) throw createError(404);
    const snapshot = await readModel.current();
    const key = onlyLanguageParameter(req.query) ? `profile|${slug}` : null;
    const context = { cache, version: snapshot.token, changedAt: snapshot.changedAt, key };
    await sendCachedPage(req, res, context, async () => {
      const profile = await loadProfile(slug);
      if (!profile) {
        const current = await mergedInto(slug);
        return current ? { redirect: `/signatories/${current}`, permanent: true } : null;
      }
      return {
        view: 'directory/profile',
        locals: {
          ...profileViewModel(profile, req.language, req.t),
          badges: badgeEmbeds(profile.organisation, baseUrl, req.language, req.t),
          canonicalUrl: `${baseUrl ?? ''}/signatories/${slug}`,
        },
      };
    });
  });

  return router;
}
