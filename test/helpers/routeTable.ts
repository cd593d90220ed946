import type { Express, Router } from 'express';

/** One method and full path the app answers, as its router stack declares it (params left as `:name`). */
export interface AppRoute {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const join = (prefix: string, path: string): string => {
  const joined = `${prefix}${path === '/' ? '' : path}`.replace(/\/+/g, '/');
  return joined === '' ? '/' : joined;
};

const pathsOf = (path: string | string[] | undefined): string[] =>
  path === undefined ? [''] : Array.isArray(path) ? path : [path];

function walk(stack: Layer[], prefix: string, found: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') continue;
        for (const path of pathsOf(layer.route.path))
          found.push({ method: method.toUpperCase(), path: join(prefix, path) });
      }
    } else if (layer.handle?.stack) {
      for (const mount of pathsOf(layer.rawPath))
        walk(layer.handle.stack, join(prefix, mount === '/' ? '' : mount), found);
    }
  }
}

/**
 * Every method and path the app (or a router) answers, read from its own router stack, nested routers and
 * their mount paths included: a route added later is in this list without anyone editing a test.
 * HEAD is left out where GET is there (Express answers it with the GET handler).
 */
export function listAppRoutes(appOrRouter: Express | Router): AppRoute[] {
  const router =
    'router' in appOrRouter && (appOrRouter as Express).router
      ? (appOrRouter as Express).router
      : appOrRouter;
  const found: AppRoute[] = [];
  walk((router as unknown as { stack: Layer[] }).stack, '', found);
  const seen = new Set<string>();
  return found.filter(({ method, path }) => {
    const key = `${method} ${path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
