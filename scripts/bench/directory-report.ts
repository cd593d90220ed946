import type { LoadResult } from './autocannon-load';
import { judge, type TargetKind } from './directory-targets';
import type { ServerMemory } from './http-server-process';
import { fixed, formatTable, mebibytes, type Cell } from './report-table';

export interface Measured {
  name: string;
  path: string;
  kind?: TargetKind;
  bytes: number;
  /** The first request to the page, before any warm-up (read model built, nothing cached). */
  coldMs: number;
  load: LoadResult;
  /** Server CPU time (user + system) per request while measured: steadier than req/s on a busy machine. */
  cpuMicrosPerRequest: number;
  /** Of that, the time the server was paused for garbage collection. */
  gcMicrosPerRequest: number;
  memory: ServerMemory;
}

function mean<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((sum, item) => sum + pick(item), 0) / Math.max(items.length, 1);
}

export interface SizeResults {
  /** Runs of the plain Express page; ratios are against their mean. */
  baselines: Measured[];
  /** The plain Express JSON probe, which /healthz is compared with. */
  healthBaseline: Measured;
  targets: Measured[];
  /** Rows shown beside the baselines for reading, compared with the page baseline, judged against nothing. */
  informational?: Measured[];
}

interface Reference {
  load: LoadResult;
  cpu: number;
}

function referenceOf(runs: Measured[]): Reference {
  return {
    load: {
      requestsPerSecond: mean(runs, (b) => b.load.requestsPerSecond),
      p50Ms: mean(runs, (b) => b.load.p50Ms),
      p99Ms: mean(runs, (b) => b.load.p99Ms),
      requests: mean(runs, (b) => b.load.requests),
    },
    cpu: mean(runs, (b) => b.cpuMicrosPerRequest),
  };
}

/** The table for one registry size: each target beside its plain Express route, in throughput and CPU. */
export function report(
  size: number,
  { baselines, healthBaseline, targets, informational = [] }: SizeResults,
): string {
  const page = referenceOf(baselines);
  const health = referenceOf([healthBaseline]);
  const rows: Cell[][] = [...baselines, healthBaseline, ...informational, ...targets].map((m) => {
    const reference = m.kind === 'health' || m === healthBaseline ? health : page;
    const verdict = m.kind ? judge(size, m.kind, m.load, reference.load) : undefined;
    const ratio = m.load.requestsPerSecond / reference.load.requestsPerSecond;
    return [
      m.name,
      m.bytes,
      Math.round(m.load.requestsPerSecond),
      m.load.p50Ms,
      m.load.p99Ms,
      fixed(ratio, 2),
      fixed(m.load.p99Ms / Math.max(reference.load.p99Ms, 1), 2),
      Math.round(m.cpuMicrosPerRequest),
      fixed(m.cpuMicrosPerRequest / reference.cpu, 2),
      Math.round(m.gcMicrosPerRequest),
      `${mebibytes(m.memory.rss)} / ${mebibytes(m.memory.heapUsed)}`,
      verdict ? m.coldMs.toFixed(0) : '',
      verdict ? `${verdict.pass ? 'PASS' : 'FAIL'} (${verdict.rule})` : '',
    ];
  });
  const header = ['target', 'bytes', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'p99/base'];
  header.push('CPU µs/req', 'CPU/base', 'GC µs/req', 'RSS / heapUsed', 'cold ms', 'issue target');
  return formatTable(header, rows);
}
