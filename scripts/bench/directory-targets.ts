import type { LoadResult } from './autocannon-load';

export interface DirectoryTarget {
  name: string;
  path: string;
  /** Text the page must contain, so a benchmark never measures an empty result or the wrong page. */
  mustContain?: string;
}

/** The pages the issue asks to measure; the profile uses an organisation the seeded registry holds. */
export function directoryTargets(sampleSlug: string): DirectoryTarget[] {
  return [
    { name: 'filtered', path: '/signatories?country=FR&category=private-sector&sort=name' },
    { name: 'search', path: '/signatories?q=societe%20cloud', mustContain: 'Société Cloud' },
    { name: 'profile', path: `/signatories/${encodeURIComponent(sampleSlug)}` },
    { name: 'initiative', path: '/initiatives/paris-call' },
    { name: 'home', path: '/' },
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
