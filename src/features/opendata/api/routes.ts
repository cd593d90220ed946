import { Router, type RequestHandler } from 'express';
import createError from 'http-errors';
import type { DirectoryDependencies } from '../../directory';
import { loadProfile, SLUG_PATTERN } from '../../directory/profile';
import { queryString, toDirectoryQuery, type DirectoryQuery } from '../../directory/query';
import { searchDirectory } from '../../directory/search';
import type { StatisticsService } from '../../statistics/statisticsService';
import { findInitiative, INITIATIVES } from '../../../reference/initiatives';
import { setOpenDataHeaders, type Licence } from '../openDataHeaders';
import { factsOfEntry, presentOrganisation } from '../presentOrganisation';
import { presentInitiative } from '../presentInitiative';
import { presentProfile } from '../presentProfile';
import { problemHandler } from '../problem';
import { sendVersioned } from './conditional';
import { openApiDocument } from './openApiDocument';
import { noQuery, organisationListQuery, parseQuery, statisticsQuery } from './parameters';

export interface ApiDependencies {
  directory: DirectoryDependencies;
  statistics: StatisticsService;
  licence: Licence;
  /** Per-IP limit on every API request. */
  rateLimiter: RequestHandler;
}

export const API_BASE = '/api/v1';

/** Public, read-only: GET, HEAD and the CORS preflight; no cookie is read or set, so no session or CSRF. */
function publicReadOnly(licence: Licence): RequestHandler {
  return (req, res, next) => {
    setOpenDataHeaders(res, licence);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      res.setHeader('Access-Control-Allow-Headers', 'If-None-Match');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      next(createError(405));
      return;
    }
    next();
  };
}

/** The read API, mounted at /api/v1, with its own problem+json error handler. */
export function apiRoutes({ directory, statistics, licence, rateLimiter }: ApiDependencies): Router {
  const router = Router();
  const { readModel, baseUrl } = directory;
  const context = { baseUrl };
  const link = (query: DirectoryQuery) => `${baseUrl ?? ''}${API_BASE}/organisations${queryString(query)}`;
  router.use(publicReadOnly(licence), rateLimiter);

  router.get('/organisations', async (req, res) => {
    const query = toDirectoryQuery(parseQuery(organisationListQuery, req.query));
    const snapshot = await readModel.current();
    await sendVersioned(req, res, snapshot.token, () => {
      const result = searchDirectory(snapshot, query);
      return {
        total: result.total,
        page: query.page,
        size: query.size,
        links: {
          self: link(query),
          next: query.page < result.lastPage ? link({ ...query, page: query.page + 1 }) : null,
          prev: query.page > 1 ? link({ ...query, page: Math.min(query.page - 1, result.lastPage) }) : null,
        },
        organisations: result.entries.map((entry) => presentOrganisation(factsOfEntry(entry), context)),
      };
    });
  });

  router.get('/organisations/:slug', async (req, res) => {
    parseQuery(noQuery, req.query);
    const { slug } = req.params;
    if (!SLUG_PATTERN.test(slug)) throw createError(404);
    const snapshot = await readModel.current();
    await sendVersioned(req, res, snapshot.token, async () => {
      const profile = await loadProfile(slug);
      if (!profile) throw createError(404, `No organisation has the slug "${slug}".`);
      return presentProfile(profile, context);
    });
  });

  router.get('/initiatives', async (req, res) => {
    parseQuery(noQuery, req.query);
    const snapshot = await readModel.current();
    await sendVersioned(req, res, snapshot.token, () => ({
      initiatives: INITIATIVES.map((initiative) => presentInitiative(initiative, snapshot)),
    }));
  });

  router.get('/initiatives/:slug', async (req, res) => {
    parseQuery(noQuery, req.query);
    const initiative = findInitiative(req.params.slug);
    if (!initiative) throw createError(404, 'No initiative has this slug.');
    const snapshot = await readModel.current();
    await sendVersioned(req, res, snapshot.token, () => presentInitiative(initiative, snapshot));
  });

  router.get('/statistics', async (req, res) => {
    const { initiative } = parseQuery(statisticsQuery, req.query);
    const current = await statistics.current(initiative ?? null);
    await sendVersioned(req, res, current.version, () => current.statistics);
  });

  router.get('/openapi.json', (req, res) => {
    parseQuery(noQuery, req.query);
    res.type('application/json').send(JSON.stringify(openApiDocument(baseUrl)));
  });

  router.use(() => {
    throw createError(404, 'No such endpoint; see /api/v1/openapi.json.');
  });
  router.use(problemHandler());
  return router;
}
