import type { LoadResult } from './autocannon-load';
import { judge } from './directory-targets';
import type { ServerMemory } from './http-server-process';
import { fixed, formatTable, mebibytes, type Cell } from './report-table';

export interface Measured {
  name: string;
  path: string;
  bytes: number;
  /** The first request to the page, before any warm-up (read model built, nothing cached). */
  coldMs: number;
  load: LoadResult;
  /** Server CPU time (user + system) per request while measured: steadier than req/s on a busy machine. */
  cpuMicrosPerRequest: number;
  memory: ServerMemory;
}

function mean<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((sum, item) => sum + pick(item), 0) / Math.max(items.length, 1);
}

export interface SizeResults {
  /** Runs of the plain Express page; ratios are against their mean. */
  baselines: Measured[];
  /** Lines measured for comparison only, with no target of their own. */
  references: Measured[];
  targets: Measured[];
}

/** The table for one registry size. */
export function report(size: number, { baselines, references, targets }: SizeResults): string {
  const reference: LoadResult = {
    requestsPerSecond: mean(baselines, (b) => b.load.requestsPerSecond),
    p50Ms: mean(baselines, (b) => b.load.p50Ms),
    p99Ms: mean(baselines, (b) => b.load.p99Ms),
    requests: mean(baselines, (b) => b.load.requests),
  };
  const referenceCpu = mean(baselines, (b) => b.cpuMicrosPerRequest);
  const rows: Cell[][] = [...baselines, ...references, ...targets].map((m) => {
    const isTarget = targets.includes(m);
    const verdict = judge(size, m.load, reference);
    return [
      m.name,
      m.bytes,
      Math.round(m.load.requestsPerSecond),
      m.load.p50Ms,
      m.load.p99Ms,
      fixed(verdict.ratio, 2),
      fixed(verdict.p99Ratio, 2),
      Math.round(m.cpuMicrosPerRequest),
      fixed(m.cpuMicrosPerRequest / referenceCpu, 2),
      `${mebibytes(m.memory.rss)} / ${mebibytes(m.memory.heapUsed)}`,
      isTarget ? m.coldMs.toFixed(0) : '',
      isTarget ? `${verdict.pass ? 'PASS' : 'FAIL'} (${verdict.rule})` : '',
    ];
  });
  const header = ['target', 'bytes', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'p99/base'];
  header.push('CPU µs/req', 'CPU/base', 'RSS / heapUsed', 'cold ms', 'issue target');
  return formatTable(header, rows);
}
