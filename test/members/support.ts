import type { Router } from 'express';
import { memberRoutes } from '../../src/features/members';
import type { Services } from '../../src/services';

export interface RouteEntry {
  method: 'get' | 'post';
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route the member router answers, read from the router itself (nested routers included). */
export function listMemberRoutes(services: Services): RouteEntry[] {
  const walk = (stack: Layer[]): RouteEntry[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const route = layer.route;
        return Object.keys(route.methods).filter((method): method is 'get' | 'post' => method === 'get' || method === 'post').map((method) => ({ method, path: route.path }));
      }
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  return walk((memberRoutes(services) as unknown as { stack: Layer[] }).stack);
}

/** A concrete address for a route pattern. */
export function fillPath(path: string, values: { slug: string; initiative?: string; evidenceId?: string }): string {
  return path
    .replace(':slug', values.slug)
    .replace(':initiative', values.initiative ?? 'tech-accord')
    .replace(':evidenceId', values.evidenceId ?? '000000000000000000000000');
}

export type { Router };
