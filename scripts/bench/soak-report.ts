import type { LoadResult } from './autocannon-load';
import type { SoakStats } from './soak-workload';

interface Baseline {
  name: string;
  load: LoadResult;
  cpuMicrosPerRequest: number;
}

export interface SoakResult {
  stats: SoakStats;
  /** The server's resident set in bytes: before the soak, then each second, then at the end. */
  rss: number[];
  /** process.memoryUsage() of the server, sampled beside the RSS (no collection forced). */
  heap: NodeJS.MemoryUsage[];
  seconds: number;
  cpuMs: number;
  members: number;
  connections: number;
  organisations: number;
  baselines: Baseline[];
}

const mib = (bytes: number): string => (bytes / 1_048_576).toFixed(0);
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const listFailures = (failures: Map<string, number>): string => [...failures].map(([what, n]) => `${what}×${n}`).join(', ');

/** RSS growth over the second half: from the sample at the middle of the run to the last one. */
export function secondHalfGrowth(rss: readonly number[]): number {
  const middle = rss[Math.floor(rss.length / 2)] ?? 0;
  const last = rss.at(-1) ?? 0;
  return middle > 0 ? ((last - middle) / middle) * 100 : 0;
}

export function printSoakReport(result: SoakResult): void {
  const kinds = [...result.stats.kinds].sort(([a], [b]) => a.localeCompare(b));
  const total = kinds.reduce((sum, [, stats]) => sum + stats.latencies.length, 0);
  const errors = kinds.reduce((sum, [, stats]) => sum + [...stats.failures.values()].reduce((a, b) => a + b, 0), 0);
  console.log(
    `\nLoad and soak, compiled, NODE_ENV=production, default log level, loopback, ${result.organisations} synthetic organisations; ` +
      `${result.connections} connections (${result.members} signed-in members saving pledges) for ${result.seconds.toFixed(1)} s`,
  );
  for (const baseline of result.baselines) {
    console.log(
      `${baseline.name.padEnd(20)} ${baseline.load.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${baseline.load.p50Ms.toFixed(0).padStart(5)} ms  ` +
        `p99 ${baseline.load.p99Ms.toFixed(0).padStart(5)} ms  ${baseline.cpuMicrosPerRequest.toFixed(0).padStart(6)} µs CPU/request`,
    );
  }
  console.log(`\n${'kind'.padEnd(18)} ${'requests'.padStart(9)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const [kind, stats] of kinds) {
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    const failed = [...stats.failures.values()].reduce((a, b) => a + b, 0);
    console.log(
      `${kind.padEnd(18)} ${String(sorted.length).padStart(9)} ${String(failed).padStart(7)} ${quantile(sorted, 0.5).toFixed(0).padStart(8)} ` +
        `${quantile(sorted, 0.99).toFixed(0).padStart(8)}${failed ? `  [${listFailures(stats.failures)}]` : ''}`,
    );
  }
  const all = kinds.flatMap(([, stats]) => stats.latencies).sort((a, b) => a - b);
  console.log(
    `${'all'.padEnd(18)} ${String(total).padStart(9)} ${String(errors).padStart(7)} ${quantile(all, 0.5).toFixed(0).padStart(8)} ${quantile(all, 0.99).toFixed(0).padStart(8)}`,
  );
  const { rss } = result;
  console.log(
    `\n${total} requests (${(total / result.seconds).toFixed(0)} req/s), ${errors} errors; server CPU ${((result.cpuMs * 1000) / Math.max(total, 1)).toFixed(0)} µs/request`,
  );
  console.log(
    `RSS MiB: before ${mib(rss[0] ?? 0)}, middle ${mib(rss[Math.floor(rss.length / 2)] ?? 0)}, end ${mib(rss.at(-1) ?? 0)}, peak ${mib(Math.max(...rss))}; ` +
      `growth over the second half ${secondHalfGrowth(rss).toFixed(1)} %`,
  );
  console.log(`RSS MiB each second: ${rss.map(mib).join(' ')}`);
  printHeap(result.heap);
}

/**
 * heapUsed just after each drop of more than a third: what a major collection left, the live heap. Flat
 * from one collection to the next means no leak, whatever the RSS does between them.
 */
export function liveAfterCollections(heap: readonly NodeJS.MemoryUsage[]): number[] {
  return heap.flatMap((usage, index) => {
    const previous = heap[index - 1];
    return previous && usage.heapUsed < previous.heapUsed * (2 / 3) ? [usage.heapUsed] : [];
  });
}

/** Where the resident memory is: V8's heap (reserved and used), and memory outside it (buffers). */
function printHeap(heap: readonly NodeJS.MemoryUsage[]): void {
  const series = (pick: (usage: NodeJS.MemoryUsage) => number) => heap.map((usage) => mib(pick(usage))).join(' ');
  const at = (usage: NodeJS.MemoryUsage | undefined) =>
    usage
      ? `heapTotal ${mib(usage.heapTotal)}, heapUsed ${mib(usage.heapUsed)}, external ${mib(usage.external)}, arrayBuffers ${mib(usage.arrayBuffers)}`
      : '-';
  console.log(`Heap MiB before: ${at(heap[0])}`);
  console.log(`Heap MiB middle: ${at(heap[Math.floor(heap.length / 2)])}`);
  console.log(`Heap MiB end:    ${at(heap.at(-1))}`);
  console.log(`Live heap MiB after each major collection: ${liveAfterCollections(heap).map(mib).join(' ') || '-'}`);
  console.log(`heapTotal MiB each second: ${series((usage) => usage.heapTotal)}`);
  console.log(`heapUsed MiB each second: ${series((usage) => usage.heapUsed)}`);
  console.log(`external MiB each second: ${series((usage) => usage.external)}`);
}
