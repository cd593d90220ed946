import type { LoadResult } from './autocannon-load';

/** Which baseline a target is compared with, and the issue's rule for it. */
export type TargetKind = 'chain' | 'health' | 'cached' | 'uncached' | 'not-found';

export interface DirectoryTarget {
  name: string;
  path: string;
  kind?: TargetKind;
  /** Text the page must contain, so a benchmark never measures an empty result or the wrong page. */
  mustContain?: string;
  /** Paths that change from request to request (the first is `path`), so no cache can answer them all. */
  pathFor?: (n: number) => string;
  /** The status every answer must have, when not 200. */
  expectStatus?: number;
}

const SORTS = ['name', 'joined', 'country'] as const;
const ORDERS = ['asc', 'desc'] as const;
/** 600 distinct list pages, asked in turn: more than the render cache keeps, so every request misses it. */
const UNCACHED_LIST_PAGES = 100 * SORTS.length * ORDERS.length;

function uncachedListPath(n: number): string {
  const k = n % UNCACHED_LIST_PAGES;
  const sort = SORTS[k % SORTS.length] ?? 'name';
  const order = ORDERS[Math.floor(k / SORTS.length) % ORDERS.length] ?? 'asc';
  const page = 1 + Math.floor(k / (SORTS.length * ORDERS.length));
  return `/signatories?sort=${sort}&order=${order}&page=${page}`;
}

/** The pages the issue asks to measure; the profile uses an organisation the registry holds. */
export function directoryTargets(sampleSlug: string): DirectoryTarget[] {
  return [
    { name: 'filtered', path: '/signatories?country=FR&category=private-sector&sort=name', kind: 'cached' },
    { name: 'list', path: '/signatories?page=3', kind: 'cached' },
    { name: 'search', path: '/signatories?q=societe%20cloud', mustContain: 'Société Cloud', kind: 'cached' },
    { name: 'profile', path: `/signatories/${encodeURIComponent(sampleSlug)}`, kind: 'cached' },
    { name: 'initiative', path: '/initiatives/paris-call', kind: 'cached' },
    { name: 'home', path: '/', kind: 'cached' },
    { name: 'list-uncached', path: uncachedListPath(0), pathFor: uncachedListPath, kind: 'uncached' },
    { name: 'not-found', path: '/no-such-page', expectStatus: 404, kind: 'not-found' },
    { name: 'healthz', path: '/healthz', kind: 'health' },
    { name: 'app-static', path: '/bench/static', kind: 'chain' },
  ];
}

export interface Verdict {
  ratio: number;
  p99Ratio: number;
  rule: string;
  pass: boolean;
}

/**
 * The issue's targets, as throughput ratios to the plain Express route (the JSON one for /healthz). At
 * 10,000 organisations: the chain alone (app-static) 0.7, /healthz 0.8, cached pages 0.5 with a p99 at
 * most twice the route's, a list page missing the cache 0.25, the 404 page 0.5. Beyond that (the issue
 * states 100,000) cached pages 0.4.
 */
export function judge(size: number, kind: TargetKind, measured: LoadResult, baseline: LoadResult): Verdict {
  const ratio = measured.requestsPerSecond / baseline.requestsPerSecond;
  const p99Ratio = measured.p99Ms / Math.max(baseline.p99Ms, 1);
  const atLeast = (minimum: number, p99Bound?: number): Verdict => ({
    ratio,
    p99Ratio,
    rule: `ratio>=${minimum}${p99Bound ? `, p99<=${p99Bound}x` : ''}`,
    pass: ratio >= minimum && (p99Bound === undefined || p99Ratio <= p99Bound),
  });
  switch (kind) {
    case 'chain':
      return atLeast(0.7);
    case 'health':
      return atLeast(0.8);
    case 'cached':
      return size <= 10_000 ? atLeast(0.5, 2) : atLeast(0.4);
    case 'uncached':
      return atLeast(0.25);
    case 'not-found':
      return atLeast(0.5);
  }
}
