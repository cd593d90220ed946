/**
 * Embedded engine benchmark through Mongoose, with the engine in its own process.
 * At each size: insertMany throughput, indexed findOne, indexed equality + sort + limit 20, a full scan
 * with sort + limit 50, updateOne by _id, and a ping as the floor; sequential latency (p50/p99/mean) and
 * throughput with several operations in flight. Writes are also measured on a temporary data directory
 * (every acknowledged write fsynced).
 * Usage: npm run bench:db -- [--sizes 10000,100000] [--modes memory,disk] [--iterations 2000]
 *        [--warmup 200] [--concurrency 16] [--max-seconds 20] [--only TEXT,...] [--cpu-prof DIR]
 *        [--runtime compiled|tsx]
 * --only keeps ping and the operations whose name contains one of the TEXTs. --cpu-prof records a CPU
 * profile of the engine for each operation into DIR and prints where its time went (latencies are then
 * inflated). --runtime: the engine compiled to JavaScript as in production (default), or through tsx.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { compileEngine, projectNodeModules } from './bench/db-compile-engine';
import { startEngineProcess, type EngineProcess, type EngineProcessOptions } from './bench/db-engine-process';
import {
  concurrentThroughput,
  sequentialLatency,
  type MeasureLimits,
  type Operation,
} from './bench/db-measure';
import {
  describePlan,
  formatRun,
  formatTargets,
  type OperationResult,
  type RunResult,
} from './bench/db-report';
import { summariseProfile } from './bench/db-profile-summary';
import { loadWorkload, operations, type BenchOperation } from './bench/db-workload';

type Mode = 'memory' | 'disk';
type CompiledChild = EngineProcessOptions['compiled'];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    modes: { type: 'string', default: 'memory,disk' },
    iterations: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
    'max-seconds': { type: 'string', default: '20' },
    only: { type: 'string' },
    runtime: { type: 'string', default: 'compiled' },
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
if (values.runtime !== 'compiled' && values.runtime !== 'tsx')
  throw new Error('--runtime is compiled or tsx');
const BATCH_SIZE = 1000;
const only = values.only?.split(',');
const profileDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined;

/** A short ping run just before each operation is its floor: the machine's load drifts during a run. */
async function measure(
  operation: BenchOperation,
  engine: EngineProcess,
  ping?: Operation,
): Promise<OperationResult> {
  const plan = operation.explain ? describePlan(await operation.explain()) : undefined;
  const floorLimits = {
    ...limits,
    iterations: Math.min(500, limits.iterations),
    warmup: Math.min(50, limits.warmup),
  };
  const floor = ping ? await sequentialLatency(ping, floorLimits, engine.cpuMicros) : undefined;
  const latency = await sequentialLatency(operation.run, limits, engine.cpuMicros);
  const throughput = await concurrentThroughput(operation.run, limits);
  return { name: operation.name, latency, throughput, plan, ping: floor };
}

/** Runs `work`, recording the engine's CPU profile meanwhile when --cpu-prof is given. */
async function profiled<T>(
  engine: EngineProcess,
  name: string,
  profiles: string[],
  work: () => Promise<T>,
): Promise<T> {
  if (!profileDir) return work();
  await engine.startProfile();
  const result = await work();
  const file = path.join(profileDir, `${name.replace(/\W+/g, '-')}.cpuprofile`);
  await engine.stopProfile(file);
  const summary = summariseProfile(JSON.parse(await readFile(file, 'utf8')));
  profiles.push(`engine CPU profile, ${name} (${path.basename(file)}):\n${summary}`);
  return result;
}

async function benchmark(mode: Mode, size: number, compiled?: CompiledChild): Promise<RunResult> {
  const dataDir = mode === 'disk' ? await mkdtemp(path.join(os.tmpdir(), 'bench-db-')) : undefined;
  const engine = await startEngineProcess({ dataDir, compiled });
  const connection = await mongoose.createConnection(engine.uri, { dbName: 'bench' }).asPromise();
  try {
    const profiles: string[] = [];
    const cpuBeforeLoad = await engine.cpuMicros();
    const { workload, insertSeconds } = await profiled(engine, `${mode} ${size} insertMany`, profiles, () =>
      loadWorkload(connection, size, BATCH_SIZE),
    );
    const insertEngineSeconds = ((await engine.cpuMicros()) - cpuBeforeLoad) / 1e6;
    const memory = await engine.memory();
    const results: OperationResult[] = [];
    const all = operations(connection, workload);
    const ping = all[0].run;
    for (const operation of all) {
      if (mode === 'disk' && !operation.writes) continue;
      const isPing = operation.run === ping;
      if (only && !isPing && !only.some((text) => operation.name.includes(text))) continue;
      const name = `${mode} ${size} ${operation.name}`;
      results.push(
        await profiled(engine, name, profiles, () => measure(operation, engine, isPing ? undefined : ping)),
      );
    }
    const label = mode === 'disk' ? 'data directory (journal fsynced per acknowledged write)' : 'in memory';
    return { mode: label, size, insertSeconds, insertEngineSeconds, memory, operations: results, profiles };
  } finally {
    await connection.close();
    await engine.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Which engine code was measured: the last commit touching it, and whether it had local changes. */
function engineRevision(): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const commit = git('log', '-1', '--format=%h', '--', 'src/engine');
    return git('status', '--porcelain', '--', 'src/engine') ? `${commit} with local changes` : commit;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const [load1, load5] = os.loadavg();
  const runtime = values.runtime === 'tsx' ? 'TypeScript through tsx' : 'compiled with swc';
  console.log(
    `bench:db — node ${process.version}, ${os.cpus().length} CPUs, load average ${load1.toFixed(2)}/${load5.toFixed(2)}\n` +
      `engine ${engineRevision()}, in a child process, ${runtime}; Mongoose ${mongoose.version}\n` +
      `${limits.iterations} iterations after ${limits.warmup} warm-up (at most ${limits.maxSeconds} s each), ` +
      `throughput with ${limits.concurrency} in flight`,
  );
  if (profileDir) await mkdir(profileDir, { recursive: true });
  const buildDir = await mkdtemp(path.join(os.tmpdir(), 'bench-db-engine-'));
  try {
    const compiled =
      values.runtime === 'tsx'
        ? undefined
        : { childPath: await compileEngine(buildDir), nodeModules: projectNodeModules };
    for (const size of sizes) await benchmarkSize(size, compiled);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

async function benchmarkSize(size: number, compiled?: CompiledChild): Promise<void> {
  for (const mode of modes) {
    const run = await benchmark(mode, size, compiled);
    console.log(`\n${formatRun(run)}`);
    if (mode === 'memory') console.log(formatTargets(run));
    for (const profile of run.profiles) console.log(profile);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
