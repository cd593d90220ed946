/** Plain-text tables for the database benchmark. */
import type { LatencyStats, ThroughputStats } from './db-measure';

export interface OperationResult {
  name: string;
  latency: LatencyStats;
  throughput: ThroughputStats;
  plan?: string;
  /** The ping measured just before this operation. */
  ping?: LatencyStats;
}

export interface RunResult {
  mode: string;
  size: number;
  insertSeconds: number;
  /** CPU time the engine process spent during the inserts. */
  insertEngineSeconds: number;
  memory?: { rss: number; heapUsed: number; external: number };
  operations: OperationResult[];
  /** Summaries of the engine's CPU profile per operation, when profiling. */
  profiles: string[];
}

const MIB = 1024 * 1024;
const integer = (value: number): string => Math.round(value).toLocaleString('en-GB');

function field(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null ? Reflect.get(source, key) : undefined;
}

/** "IXSCAN email_1, keys 1, docs 1" from a driver explain reply (MongoDB's executionStats shape). */
export function describePlan(explained: unknown): string {
  const winning = field(field(explained, 'queryPlanner'), 'winningPlan');
  const stats = field(explained, 'executionStats');
  const stage = String(field(winning, 'stage') ?? '?');
  const index = field(winning, 'indexName');
  const keys = field(stats, 'totalKeysExamined');
  const docs = field(stats, 'totalDocsExamined');
  return `${stage}${typeof index === 'string' ? ` ${index}` : ''}, keys ${String(keys)}, docs ${String(docs)}`;
}

/** The operation's p50 over the p50 of the ping measured just before it (else the ping row's). */
function pingRatio(op: OperationResult, run: RunResult): number {
  return op.latency.p50 / floorOf(op, run).p50;
}

function floorOf(op: OperationResult, run: RunResult): LatencyStats {
  const pingRow = run.operations.find((candidate) => candidate.name.startsWith('ping'));
  return op.ping ?? pingRow?.latency ?? { count: 0, p50: Number.NaN, p99: Number.NaN, mean: Number.NaN };
}

/** Engine CPU per operation over engine CPU per ping: the engine's own cost, whatever the machine's load. */
function cpuRatio(op: OperationResult, run: RunResult): number {
  return (op.latency.costPerOperation ?? Number.NaN) / (floorOf(op, run).costPerOperation ?? Number.NaN);
}

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
    .join(' | ')
    .trimEnd();
}

export function formatRun(run: RunResult): string {
  const lines = [`== ${run.mode}, ${integer(run.size)} documents ==`];
  lines.push(
    `insertMany, batches of 1,000: ${integer(run.size)} docs in ${run.insertSeconds.toFixed(2)} s = ` +
      `${integer(run.size / run.insertSeconds)} docs/s (engine CPU ${run.insertEngineSeconds.toFixed(2)} s, ` +
      `${((run.insertEngineSeconds * 1e6) / run.size).toFixed(0)} us/doc)`,
  );
  if (run.memory) {
    lines.push(
      `engine process after load (after GC): RSS ${(run.memory.rss / MIB).toFixed(1)} MiB, ` +
        `heap used ${(run.memory.heapUsed / MIB).toFixed(1)} MiB, external ${(run.memory.external / MIB).toFixed(1)} MiB`,
    );
  }
  const concurrency = run.operations[0]?.throughput.concurrency ?? 0;
  const header = [
    'operation',
    'n',
    'p50 ms',
    'p99 ms',
    'mean ms',
    'ping p50',
    'p50/ping',
    'engine CPU us/op',
    'CPU/ping',
    `ops/s @${concurrency}`,
    'plan',
  ];
  const rows = run.operations.map((op) => [
    op.name,
    String(op.latency.count),
    op.latency.p50.toFixed(3),
    op.latency.p99.toFixed(3),
    op.latency.mean.toFixed(3),
    floorOf(op, run).p50.toFixed(3),
    `${pingRatio(op, run).toFixed(2)}x`,
    (op.latency.costPerOperation ?? Number.NaN).toFixed(0),
    `${cpuRatio(op, run).toFixed(2)}x`,
    integer(op.throughput.opsPerSecond),
    op.plan ?? '',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  lines.push(pad(header, widths), widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) lines.push(pad(row, widths));
  return lines.join('\n');
}

interface Target {
  operation: string;
  maxRatio?: number;
  label: string;
}

const TARGETS: Target[] = [
  { operation: 'findOne by unique email', maxRatio: 2, label: 'indexed findOne (Mongoose) <= 2x ping' },
  { operation: 'findOne by email (driver)', maxRatio: 2, label: 'indexed findOne (driver) <= 2x ping' },
  {
    operation: 'country eq + sort name,',
    maxRatio: 4,
    label: 'indexed eq+sort+limit 20 (Mongoose) <= 4x ping',
  },
  {
    operation: 'country eq + sort name (driver)',
    maxRatio: 4,
    label: 'indexed eq+sort+limit 20 (driver) <= 4x ping',
  },
  { operation: 'full scan', label: 'full scan, for comparison (issue: about 90x)' },
];

/** The issue's targets: the operation's p50 over the p50 of the ping measured just before it. */
export function formatTargets(run: RunResult): string {
  const lines = [
    `targets (${run.mode}, ${integer(run.size)} documents): p50 / ping p50 just before; engine CPU per op / per ping`,
  ];
  for (const target of TARGETS) {
    const op = run.operations.find((candidate) => candidate.name.startsWith(target.operation));
    if (!op) continue;
    const ratio = pingRatio(op, run);
    const verdict = target.maxRatio === undefined ? '' : ratio <= target.maxRatio ? '  PASS' : '  MISS';
    const cpu = `engine CPU ${cpuRatio(op, run).toFixed(2)}x`;
    lines.push(`  ${target.label.padEnd(48)} ${ratio.toFixed(2).padStart(7)}x${verdict.padEnd(6)}  (${cpu})`);
  }
  return lines.join('\n');
}
