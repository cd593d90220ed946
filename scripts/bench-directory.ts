/**
 * Directory speed against a same-size static page: for each size, the real app (createApp, production
 * settings) serves N synthetic organisations from an in-memory engine in one process, a plain Express
 * route serves a captured copy of the filtered page in another, and autocannon loads each on loopback.
 * Usage: npm run bench:directory [-- --sizes 10000,100000 --duration 10 --connections 32
 *        --warmup 500 --gzip --profile --only filtered,search --server-flags=--trace-gc]
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fetchPage, measureLoad, warmUp, type LoadOptions } from './bench/autocannon-load';
import { summariseCpuProfile } from './bench/cpu-profile-summary';
import { summariseHeapProfile } from './bench/heap-profile-summary';
import { report, type Measured } from './bench/directory-report';
import { mebibytes } from './bench/report-table';
import { directoryTargets, type DirectoryTarget } from './bench/directory-targets';
import { startHttpServerProcess, type HttpServerProcess } from './bench/http-server-process';

const argumentsSchema = z.object({
  sizes: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole numbers')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(1_000_000))),
  duration: z.coerce.number().int().min(1).max(300),
  connections: z.coerce.number().int().min(1).max(1_000),
  warmup: z.coerce.number().int().min(0).max(100_000),
  gzip: z.boolean(),
  profile: z.boolean(),
  only: z.string().optional(),
  'server-flags': z.string().optional(),
});
type Arguments = z.infer<typeof argumentsSchema>;

function readArguments(): Arguments {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '500' },
      gzip: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      'server-flags': { type: 'string' },
    },
  });
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

// Express reads NODE_ENV itself (view cache, error pages), so the processes get it, not just the config.
const productionEnv = { ...process.env, NODE_ENV: 'production' };

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const loadAverage = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** Stops the server's profilers, writes BASE.cpuprofile and BASE.heapprofile, and summarises both. */
async function stopProfile(server: HttpServerProcess, base: string, requests: number): Promise<string> {
  const files = { cpuFile: `${base}.cpuprofile`, heapFile: `${base}.heapprofile` };
  await server.stopProfile(files);
  return `${summariseCpuProfile(files.cpuFile)}\n\n${summariseHeapProfile(files.heapFile, requests)}`;
}

async function measure(
  server: HttpServerProcess,
  target: DirectoryTarget,
  options: LoadOptions,
  profileDir: string | null,
): Promise<Omit<Measured, 'bytes' | 'coldMs'>> {
  log(`  loading ${target.name} ${target.path}`);
  const url = `${server.baseUrl}${target.path}`;
  const loadOptions: LoadOptions = { ...options, pathFor: target.pathFor };
  await warmUp(url, loadOptions);
  const cpuBefore = await server.cpuMs();
  if (profileDir) await server.startProfile();
  const load = await measureLoad(url, loadOptions);
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  if (profileDir)
    log(
      `\n${await stopProfile(server, path.join(profileDir, target.name.replace(/\W+/g, '-')), load.requests)}\n`,
    );
  const cpuMicrosPerRequest = (cpuMs * 1000) / Math.max(load.requests, 1);
  return { name: target.name, path: target.path, load, cpuMicrosPerRequest, memory: await server.memory() };
}

async function checkedPage(
  server: HttpServerProcess,
  target: DirectoryTarget,
  headers: Record<string, string>,
) {
  const page = await fetchPage(`${server.baseUrl}${target.path}`, headers);
  if (page.status !== 200) throw new Error(`${target.path} answered ${page.status}, not 200`);
  if (target.mustContain && !page.body.includes(target.mustContain)) {
    throw new Error(`${target.path} does not contain "${target.mustContain}"`);
  }
  return page;
}

async function measureBaseline(
  file: string,
  options: LoadOptions,
  runs: number,
  profileDir: string | null,
): Promise<Measured[]> {
  const bytes = statSync(file).size;
  const server = await startHttpServerProcess(path.join(__dirname, 'bench', 'baseline-child.ts'), {
    args: [file],
    env: productionEnv,
  });
  try {
    const results: Measured[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const target = { name: run === 1 ? 'baseline' : `baseline #${run}`, path: '/baseline' };
      results.push({
        ...(await measure(server, target, options, run === 1 ? profileDir : null)),
        bytes,
        coldMs: 0,
      });
    }
    return results;
  } finally {
    await server.stop();
  }
}

async function benchSize(size: number, args: Arguments, options: LoadOptions): Promise<void> {
  log(`\n== ${size} organisations (load average ${loadAverage()}) ==`);
  const profileDir = args.profile ? mkdtempSync(path.join(os.tmpdir(), `accord-profile-${size}-`)) : null;
  const seedProfile = profileDir ? path.join(profileDir, 'seed.cpuprofile') : null;
  const staticFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'accord-bench-')), 'page.html');
  const app = await startHttpServerProcess(path.join(__dirname, 'bench', 'directory-app-child.ts'), {
    args: [String(size), staticFile, ...(seedProfile ? [seedProfile] : [])],
    env: productionEnv,
    nodeFlags: ['--max-old-space-size=8192', ...(args['server-flags']?.split(' ').filter(Boolean) ?? [])],
    onProgress: (text) => log(`  ${text}`),
  });
  try {
    if (seedProfile) log(`\n${summariseCpuProfile(seedProfile)}\n`);
    const wanted = args.only?.split(',');
    const targets = directoryTargets(String(app.facts.sampleSlug)).filter(
      (t) => !wanted || wanted.includes(t.name),
    );
    const [first] = targets;
    if (!first) throw new Error(`--only ${args.only} selects no target`);
    const pages = [];
    if (profileDir) await app.startProfile();
    for (const target of targets) pages.push(await checkedPage(app, target, options.headers ?? {}));
    if (profileDir) log(`\n${await stopProfile(app, path.join(profileDir, 'cold-pages'), targets.length)}\n`);
    writeFileSync(staticFile, pages[0]?.body ?? '');
    // Also collects the seeding's garbage, which would otherwise land in the first measurement.
    const seeded = await app.memory();
    const baselines = await measureBaseline(staticFile, options, 2, profileDir);
    const appStatic: DirectoryTarget = { name: 'app-static', path: '/bench/static' };
    // One pass over every page first, so JIT and caches are warm before whichever page is measured first.
    for (const target of [...targets, appStatic]) {
      await warmUp(`${app.baseUrl}${target.path}`, { ...options, pathFor: target.pathFor });
    }
    const measured: Measured[] = [];
    for (const [index, target] of targets.entries()) {
      const page = pages[index];
      measured.push({
        ...(await measure(app, target, options, profileDir)),
        bytes: page?.bytes ?? 0,
        coldMs: page?.ms ?? 0,
      });
    }
    const references = [
      { ...(await measure(app, appStatic, options, profileDir)), bytes: baselines[0]?.bytes ?? 0, coldMs: 0 },
    ];
    const { seedSeconds, createAppSeconds } = app.facts;
    console.log(
      `\n${size} organisations: seeded in ${seedSeconds} s (server then ${mebibytes(seeded.rss)} RSS, ` +
        `${mebibytes(seeded.heapUsed)} heap), app built in ${createAppSeconds} s; ` +
        `${args.connections} connections, ${args.duration} s per target after ${args.warmup} warm-up requests` +
        `${args.gzip ? ', gzip' : ''}; baseline = static copy of "${first.name}" (mean of ${baselines.length} runs), ` +
        `app-static = that copy sent by the real app through all its middleware; load average now ${loadAverage()}`,
    );
    console.log(report(size, { baselines, references, targets: measured }));
    if (profileDir) console.log(`CPU and allocation profiles in ${profileDir}`);
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const args = readArguments();
  const options: LoadOptions = {
    connections: args.connections,
    durationSeconds: args.duration,
    warmupRequests: args.warmup,
    headers: args.gzip ? { 'accept-encoding': 'gzip' } : undefined,
  };
  for (const size of args.sizes) await benchSize(size, args, options);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:directory failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
