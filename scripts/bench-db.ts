/**
 * Embedded engine benchmark through Mongoose, with the engine in its own process.
 * At each size: insertMany throughput, indexed findOne, indexed equality + sort + limit 20, a full scan
 * with sort + limit 50, updateOne by _id, and a ping as the floor; sequential latency (p50/p99/mean) and
 * throughput with several operations in flight. Writes are also measured on a temporary data directory
 * (every acknowledged write fsynced).
 * Usage: npm run bench:db -- [--sizes 10000,100000] [--modes memory,disk] [--iterations 2000]
 *        [--warmup 200] [--concurrency 16] [--max-seconds 20] [--only TEXT] [--cpu-prof DIR]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { startEngineProcess } from './bench/db-engine-process';
import { concurrentThroughput, sequentialLatency, type MeasureLimits } from './bench/db-measure';
import {
  describePlan,
  formatRun,
  formatTargets,
  type OperationResult,
  type RunResult,
} from './bench/db-report';
import { loadWorkload, operations } from './bench/db-workload';

type Mode = 'memory' | 'disk';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    modes: { type: 'string', default: 'memory,disk' },
    iterations: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
    'max-seconds': { type: 'string', default: '20' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${option} must be a positive integer`);
  return value;
}

const sizes = values.sizes.split(',').map((text) => positiveInteger(text, 'sizes'));
const modes = values.modes.split(',').map((text): Mode => {
  if (text !== 'memory' && text !== 'disk') throw new Error(`--modes takes memory and/or disk, not ${text}`);
  return text;
});
const limits: MeasureLimits = {
  iterations: positiveInteger(values.iterations, 'iterations'),
  warmup: positiveInteger(values.warmup, 'warmup'),
  concurrency: positiveInteger(values.concurrency, 'concurrency'),
  maxSeconds: positiveInteger(values['max-seconds'], 'max-seconds'),
};
const BATCH_SIZE = 1000;

async function benchmark(mode: Mode, size: number): Promise<RunResult> {
  const dataDir = mode === 'disk' ? await mkdtemp(path.join(os.tmpdir(), 'bench-db-')) : undefined;
  const cpuProfileDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined;
  const engine = await startEngineProcess({ dataDir, cpuProfileDir });
  const connection = await mongoose.createConnection(engine.uri, { dbName: 'bench' }).asPromise();
  try {
    const { workload, insertSeconds } = await loadWorkload(connection, size, BATCH_SIZE);
    const memory = await engine.memory();
    const results: OperationResult[] = [];
    for (const operation of operations(connection, workload)) {
      if (mode === 'disk' && !operation.writes) continue;
      if (values.only && !operation.name.startsWith('ping') && !operation.name.includes(values.only))
        continue;
      const plan = operation.explain ? describePlan(await operation.explain()) : undefined;
      const latency = await sequentialLatency(operation.run, limits);
      const throughput = await concurrentThroughput(operation.run, limits);
      results.push({ name: operation.name, latency, throughput, plan });
    }
    const label = mode === 'disk' ? 'data directory (journal fsynced per acknowledged write)' : 'in memory';
    return { mode: label, size, insertSeconds, memory, operations: results };
  } finally {
    await connection.close();
    await engine.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [load1, load5] = os.loadavg();
  console.log(
    `bench:db — node ${process.version}, ${os.cpus().length} CPUs, load average ${load1.toFixed(2)}/${load5.toFixed(2)}; ` +
      `engine in a child process; ${limits.iterations} iterations after ${limits.warmup} warm-up ` +
      `(at most ${limits.maxSeconds} s each), throughput with ${limits.concurrency} in flight`,
  );
  for (const size of sizes) {
    for (const mode of modes) {
      const run = await benchmark(mode, size);
      console.log(`\n${formatRun(run)}\n${mode === 'memory' ? formatTargets(run) : ''}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
