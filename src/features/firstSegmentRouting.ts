import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

interface Layer {
  rawPath?: string | string[] | RegExp;
  route?: { path: string | string[] | RegExp };
  handle?: { stack?: Layer[] };
}

/** The first path segment a request for `path` has ('' for `/`), or null when it varies (a parameter). */
function literalFirstSegment(path: string): string | null {
  const segment = path.split('/').find((part, index) => index > 0 || part !== '') ?? '';
  // Express matches paths without regard to case, so segments are compared in lower case.
  return /^[\w.-]*$/.test(segment) ? segment.toLowerCase() : null;
}

const joinPaths = (prefix: string, path: string): string => `${prefix}/${path}`.replace(/\/+/g, '/');

/**
 * The first segments of every path the router's stack can answer, read from its own layers (nested
 * routers and their mount paths included), or null when one layer could answer any path: middleware
 * without a mount path, a parameter or pattern as the first segment.
 */
function firstSegmentsOf(stack: Layer[], prefix: string, found: Set<string>): boolean {
  for (const layer of stack) {
    const paths = layer.route ? layer.route.path : (layer.rawPath ?? '/');
    for (const path of Array.isArray(paths) ? paths : [paths]) {
      if (typeof path !== 'string') return false;
      const full = joinPaths(prefix, path);
      const segment = literalFirstSegment(full);
      if (segment === null) return false;
      const isMount = !layer.route;
      if (segment !== '' || !isMount) {
        found.add(segment);
        continue;
      }
      // Mounted at the root: only a nested router can say which paths it answers.
      if (!layer.handle?.stack || !firstSegmentsOf(layer.handle.stack, full, found)) return false;
    }
  }
  return true;
}

/**
 * Tries the routers in the order given, but only those that can answer the request's first path segment:
 * a request for an asset, a probe's neighbour or an unknown page no longer walks every feature's layers
 * (hundreds of regular expressions and, past a hundred synchronous layers, a deferral by Express). A router
 * whose stack could answer any path is tried for every request, so nothing is skipped that could match.
 */
export function routeByFirstSegment(routers: Router[]): RequestHandler {
  const anyPath: Router[] = [];
  const bySegment = new Map<string, Router[]>();
  const kinds = routers.map((router) => {
    const segments = new Set<string>();
    const known = firstSegmentsOf((router as unknown as { stack: Layer[] }).stack, '', segments);
    return { router, segments: known ? segments : null };
  });
  const allSegments = new Set(kinds.flatMap(({ segments }) => [...(segments ?? [])]));
  for (const segment of allSegments) {
    bySegment.set(
      segment,
      kinds.filter((kind) => kind.segments === null || kind.segments.has(segment)).map((kind) => kind.router),
    );
  }
  for (const kind of kinds) if (kind.segments === null) anyPath.push(kind.router);

  const dispatch = (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    const end = path.indexOf('/', 1);
    const segment = path.slice(1, end === -1 ? undefined : end).toLowerCase();
    const candidates = bySegment.get(segment) ?? anyPath;
    let index = 0;
    const tryNext = (error?: unknown): void => {
      if (error !== undefined && error !== 'router' && error !== 'route') {
        next(error);
        return;
      }
      const router = candidates[index++];
      if (router) router(req, res, tryNext);
      else next();
    };
    tryNext();
  };
  // Shaped like a router's stack of root mounts, so whoever reads the app's routes from its stack (the
  // authorisation matrix) still finds every feature's routes.
  const stack: Layer[] = routers.map((router) => ({
    rawPath: '/',
    handle: router as unknown as Layer['handle'],
  }));
  return Object.assign(dispatch, { stack });
}
