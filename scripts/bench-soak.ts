/**
 * Load and soak at the compiled server (NODE_ENV=production, loopback, a copy of the bench data directory of
 * `--organisations` synthetic organisations): CONNECTIONS clients for DURATION seconds, mixing anonymous
 * browsing (home, directory list and filters, profiles, statistics), API calls, CSV downloads and signed-in
 * members saving their pledge (form, CSRF token, post; accounts created on the copy through the app's account
 * service, no two-factor). Each client comes from its own address through one trusted proxy. Reports requests,
 * errors by kind (answers other than 2xx/3xx, socket errors), p50/p99 per kind, the server's CPU µs per
 * request and its RSS each second with the growth over the second half (and its V8 heap and buffers), beside a plain Express route sending
 * the home page's bytes and that copy through the app's chain (baselines of at most 10 s each). Prints only.
 * `--skip-baselines` leaves out the baselines (while investigating). With `--profile DIR`, the server's CPU and
 * allocation profiles over the soak are written there and summarised. `--data-dir` seeds (once) and copies
 * that directory instead of the shared one in the system's temporary directory. `--node-flags` passes V8 flags
 * to the server (to compare, never to hide growth).
 * Usage: npm run bench:soak [-- --connections 200 --duration 60 --members 8 --organisations 10000 --profile DIR --skip-baselines --data-dir DIR --node-flags=--max-semi-space-size=64]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fetchPage, type LoadOptions } from './bench/autocannon-load';
import { prepareDataDir } from './bench/bench-data-dir';
import { log, readArguments, runBench } from './bench/bench-cli';
import { measure, measureBaselines } from './bench/directory-measure';
import { residentBytes } from './bench/download-measure';
import { summariseCpuProfile } from './bench/cpu-profile-summary';
import { summariseHeapProfile } from './bench/heap-profile-summary';
import type { HttpServerProcess } from './bench/http-server-process';
import { startProductionServer } from './bench/production-server';
import { createMemberAccounts, signInMember } from './bench/soak-members';
import { member, SoakStats, visitor, visitPath } from './bench/soak-workload';
import { printSoakReport } from './bench/soak-report';

const soakArguments = {
  connections: z.coerce.number().int().min(2).max(2_000).default(200),
  duration: z.coerce.number().int().min(2).max(3_600).default(60),
  members: z.coerce.number().int().min(1).max(100).default(8),
  organisations: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  profile: z.string().min(1).optional(),
  'data-dir': z.string().min(1).optional(),
  /** V8 flags for the server, space-separated (e.g. `--max-semi-space-size=64`), to see how they change its memory. */
  'node-flags': z.string().min(1).optional(),
  'skip-baselines': z.boolean().default(false),
};
const readSoakArguments = () => readArguments(soakArguments, ['skip-baselines']);

/** Every kind once, so a wrong address or a missing page stops the run before the soak measures it. */
async function checkKinds(baseUrl: string, slugs: readonly string[]): Promise<void> {
  for (const kind of ['home', 'directory-list', 'directory-filter', 'profile', 'statistics', 'api-list', 'api-profile', 'csv']) {
    const page = await fetchPage(`${baseUrl}${visitPath(kind, 0, slugs)}`, { 'x-forwarded-proto': 'https' });
    if (page.status !== 200) throw new Error(`${kind} ${visitPath(kind, 0, slugs)} answered ${page.status}`);
  }
}

/** The soak's CPU and allocation profiles, written to DIR and summarised on stderr. */
async function writeProfiles(server: HttpServerProcess, dir: string, stats: SoakStats): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const files = { cpuFile: path.join(dir, 'soak.cpuprofile'), heapFile: path.join(dir, 'soak.heapprofile') };
  await server.stopProfile(files);
  const requests = [...stats.kinds.values()].reduce((sum, kind) => sum + kind.latencies.length, 0);
  log(`\n${summariseCpuProfile(files.cpuFile)}\n\n${summariseHeapProfile(files.heapFile, requests)}\n`);
}

/** The plain Express route (twice) and the same bytes through the app's chain. */
async function measureAllBaselines(server: HttpServerProcess, staticFile: string, options: LoadOptions) {
  const { baselines } = await measureBaselines(staticFile, options, null);
  const appStatic = await measure(server, { name: 'app-static', path: '/bench/static' }, options, null);
  return [...baselines, { ...appStatic, name: 'app-static (chain)' }];
}

async function soak(server: HttpServerProcess, args: ReturnType<typeof readSoakArguments>, slugs: string[], env: NodeJS.ProcessEnv) {
  log(`creating ${args.members} member accounts`);
  const accounts = await createMemberAccounts(env, args.members);
  const sessions = await Promise.all(accounts.map((account, n) => signInMember(server.baseUrl, account, `10.2.0.${n + 1}`)));
  const stats = new SoakStats();
  const rss: number[] = [];
  const heap: NodeJS.MemoryUsage[] = [];
  const sample = (): void => {
    rss.push(residentBytes(server.pid));
    server.memoryUsage().then((usage) => heap.push(usage), () => undefined);
  };
  const sampler = setInterval(sample, 1_000);
  sample();
  log(`soak: ${args.connections} connections (${sessions.length} members saving) for ${args.duration} s`);
  const cpuBefore = await server.cpuMs();
  if (args.profile) await server.startProfile();
  const started = performance.now();
  const deadline = started + args.duration * 1_000;
  const visitors = Math.max(1, args.connections - sessions.length);
  await Promise.all([
    ...Array.from({ length: visitors }, (_, id) => visitor(server.baseUrl, id, slugs, stats, deadline)),
    ...sessions.map((session) => member(server.baseUrl, session, stats, deadline)),
  ]);
  const seconds = (performance.now() - started) / 1_000;
  clearInterval(sampler);
  sample();
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  if (args.profile) await writeProfiles(server, args.profile, stats);
  heap.push(await server.memoryUsage());
  return { stats, rss, heap, seconds, cpuMs, members: sessions.length };
}

runBench('bench:soak', readSoakArguments, async (args) => {
  const started = await startProductionServer({
    name: 'soak',
    child: 'directory-server-child.js',
    copyDataFrom: await prepareDataDir(args.organisations, args['data-dir']),
    staticFileName: 'home.html',
    env: { TRUST_PROXY: '1', RUN_JOBS: 'false' },
    nodeFlags: args['node-flags']?.split(/\s+/).filter(Boolean),
  });
  const { server, env, staticFile } = started;
  try {
    const slugs = [String(server.facts.sampleSlug), 'demo-example-networks', 'demo-sample-foundation'];
    await checkKinds(server.baseUrl, slugs);
    writeFileSync(staticFile, (await fetchPage(`${server.baseUrl}/`)).body);
    const options: LoadOptions = { connections: args.connections, durationSeconds: Math.min(10, args.duration), warmupRequests: 200 };
    const baselines = args['skip-baselines'] ? [] : await measureAllBaselines(server, staticFile, options);
    const result = await soak(server, args, slugs, env);
    printSoakReport({ ...result, connections: args.connections, organisations: args.organisations, baselines });
  } finally {
    await started.stop();
  }
});
