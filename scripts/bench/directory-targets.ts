import type { LoadResult } from './autocannon-load';

export interface DirectoryTarget {
  name: string;
  path: string;
  /** Text the page must contain, so a benchmark never measures an empty result or the wrong page. */
  mustContain?: string;
  /** Paths that change from request to request (the first is `path`), so no cache can answer them all. */
  pathFor?: (n: number) => string;
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

/** The pages the issue asks to measure; the profile uses an organisation the seeded registry holds. */
export function directoryTargets(sampleSlug: string): DirectoryTarget[] {
  return [
    { name: 'filtered', path: '/signatories?country=FR&category=private-sector&sort=name' },
    { name: 'search', path: '/signatories?q=societe%20cloud', mustContain: 'Société Cloud' },
    { name: 'profile', path: `/signatories/${encodeURIComponent(sampleSlug)}` },
    { name: 'initiative', path: '/initiatives/paris-call' },
    { name: 'home', path: '/' },
    { name: 'list-uncached', path: uncachedListPath(0), pathFor: uncachedListPath },
  ];
}

export interface Verdict {
  ratio: number;
  p99Ratio: number;
  rule: string;
  pass: boolean;
}

/**
 * The targets: at 10,000 organisations (and fewer) at least half the baseline's requests/s with a
 * p99 at most twice the baseline's; beyond that (the issue states 100,000) at least a quarter.
 */
export function judge(size: number, measured: LoadResult, baseline: LoadResult): Verdict {
  const ratio = measured.requestsPerSecond / baseline.requestsPerSecond;
  const p99Ratio = measured.p99Ms / Math.max(baseline.p99Ms, 1);
  if (size <= 10_000) {
    return { ratio, p99Ratio, rule: 'ratio>=0.5, p99<=2x', pass: ratio >= 0.5 && p99Ratio <= 2 };
  }
  return { ratio, p99Ratio, rule: 'ratio>=0.25', pass: ratio >= 0.25 };
}
