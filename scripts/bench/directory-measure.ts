import { statSync } from 'node:fs';
import path from 'node:path';
import { compiledBenchScript } from './bench-data-dir';
import { measureLoad, warmUp, type LoadOptions } from './autocannon-load';
import { summariseCpuProfile } from './cpu-profile-summary';
import type { Measured } from './directory-report';
import type { DirectoryTarget } from './directory-targets';
import { summariseHeapProfile } from './heap-profile-summary';
import { startHttpServerProcess, type HttpServerProcess } from './http-server-process';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Stops the server's profilers, writes BASE.cpuprofile and BASE.heapprofile, and summarises both. */
async function stopProfile(server: HttpServerProcess, base: string, requests: number): Promise<string> {
  const files = { cpuFile: `${base}.cpuprofile`, heapFile: `${base}.heapprofile` };
  await server.stopProfile(files);
  return `${summariseCpuProfile(files.cpuFile)}\n\n${summariseHeapProfile(files.heapFile, requests)}`;
}

/** Loads one target after a warm-up, with the server's CPU time per request (and profiles, if asked). */
export async function measure(
  server: HttpServerProcess,
  target: DirectoryTarget,
  options: LoadOptions,
  profileDir: string | null,
): Promise<Omit<Measured, 'bytes' | 'coldMs'>> {
  log(`  loading ${target.name} ${target.path}`);
  const url = `${server.baseUrl}${target.path}`;
  const loadOptions: LoadOptions = { ...options, pathFor: target.pathFor, expectStatus: target.expectStatus };
  await warmUp(url, loadOptions);
  const before = await server.times();
  if (profileDir) await server.startProfile();
  const load = await measureLoad(url, loadOptions);
  const after = await server.times();
  if (profileDir) {
    const base = path.join(profileDir, target.name.replace(/\W+/g, '-'));
    log(`\n${await stopProfile(server, base, load.requests)}\n`);
  }
  const perRequest = (ms: number) => (ms * 1000) / Math.max(load.requests, 1);
  return {
    name: target.name,
    path: target.path,
    load,
    cpuMicrosPerRequest: perRequest(after.cpuMs - before.cpuMs),
    gcMicrosPerRequest: perRequest(after.gcMs - before.gcMs),
    memory: await server.memory(),
  };
}

/** baseline-child.js with `args`, compiled like the app, in production mode. */
function startBaselineServer(args: string[]): Promise<HttpServerProcess> {
  return startHttpServerProcess(compiledBenchScript('baseline-child.js'), {
    args,
    env: { ...process.env, NODE_ENV: 'production' },
    compiled: true,
  });
}

/** The plain Express routes, compiled like the app, in their own process: the page twice, the probe once. */
export async function measureBaselines(
  file: string,
  options: LoadOptions,
  profileDir: string | null,
): Promise<{ baselines: Measured[]; healthBaseline: Measured }> {
  const bytes = statSync(file).size;
  const server = await startBaselineServer([file]);
  try {
    const baselines: Measured[] = [];
    for (const run of [1, 2]) {
      const target = { name: run === 1 ? 'baseline' : `baseline #${run}`, path: '/baseline' };
      const profile = run === 1 ? profileDir : null;
      baselines.push({ ...(await measure(server, target, options, profile)), bytes, coldMs: 0 });
    }
    const probe = { name: 'baseline-health', path: '/baseline-health' };
    const healthBaseline = { ...(await measure(server, probe, options, null)), bytes: 15, coldMs: 0 };
    return { baselines, healthBaseline };
  } finally {
    await server.stop();
  }
}

/**
 * For reading the table, not for the targets: the same page route served by the app's HTTP server
 * (src/httpServer.ts) instead of `app.listen`'s, which shows what that server alone is worth.
 */
export async function measureAppServerBaseline(file: string, options: LoadOptions): Promise<Measured> {
  const server = await startBaselineServer([file, 'app-server']);
  try {
    const target = { name: 'baseline, app server', path: '/baseline' };
    return { ...(await measure(server, target, options, null)), bytes: statSync(file).size, coldMs: 0 };
  } finally {
    await server.stop();
  }
}
