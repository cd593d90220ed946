/**
 * A burst of petition signatures at the compiled server (NODE_ENV=production, loopback, a fresh embedded
 * data directory): COUNT sign-form posts, CONNECTIONS at a time, each from its own address (X-Forwarded-For
 * and X-Forwarded-Proto through one trusted proxy, so the per-IP limits and Secure cookies stay on) with its own e-mail address. Reports throughput,
 * p50/p99 latency, errors and the server's CPU µs per request, beside a static baseline measured in the
 * same run: the check-your-email page's bytes from a plain Express process and through the app's chain.
 * Jobs are off in the server (a worker would send the mail), so the figures are the web path's.
 * Usage: npm run bench:petition [-- --count 600 --connections 50 --duration 5]
 */
import { writeFileSync } from 'node:fs';
import { request } from 'undici';
import { z } from 'zod';
import type { LoadOptions } from './bench/autocannon-load';
import { log, readArguments, runBench } from './bench/bench-cli';
import { measure, measureBaselines } from './bench/directory-measure';
import type { HttpServerProcess } from './bench/http-server-process';
import { startProductionServer } from './bench/production-server';

const PETITION = '/petitions/digital-peace-now';
const COUNTRIES = ['FR', 'DE', 'US', 'BR', 'IN', 'JP', 'KE', 'CA', 'MX', 'AU'];

const petitionArguments = {
  count: z.coerce.number().int().min(10).max(100_000).default(600),
  connections: z.coerce.number().int().min(1).max(1_000).default(50),
  duration: z.coerce.number().min(1).max(120).default(5),
};

/** One visitor's session and form token: the burst posts with them, as many tabs of one browser would. */
async function openForm(baseUrl: string): Promise<{ cookie: string; token: string }> {
  const page = await request(`${baseUrl}${PETITION}`, { headers: { 'x-forwarded-for': '10.255.0.1', 'x-forwarded-proto': 'https' } });
  const html = await page.body.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const setCookie = page.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).map((line) => line.split(';')[0]).join('; ');
  if (!token || !cookie) throw new Error(`the petition page gave no form token or cookie (status ${page.statusCode})`);
  return { cookie, token };
}

async function signatureBurst(server: HttpServerProcess, count: number, connections: number, offset: number) {
  const { cookie, token } = await openForm(server.baseUrl);
  const latencies: number[] = [];
  const statuses = new Map<number | string, number>();
  let next = 0;
  const cpuBefore = await server.cpuMs();
  const started = performance.now();
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      const id = offset + n;
      const body = new URLSearchParams({
        _csrf: token, name: `Bench Signer ${id}`, email: `signer${id}@bench.example`, country: COUNTRIES[id % COUNTRIES.length]!, organisation: '', showName: id % 2 ? 'yes' : '', consent: 'yes',
      }).toString();
      const sent = performance.now();
      try {
        const answer = await request(`${server.baseUrl}${PETITION}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-proto': 'https', 'x-forwarded-for': `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}` },
          body,
        });
        await answer.body.dump();
        statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
      } catch (error) {
        const name = error instanceof Error ? error.name : 'error';
        statuses.set(name, (statuses.get(name) ?? 0) + 1);
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const ok = statuses.get(200) ?? 0;
  return { seconds, requestsPerSecond: count / seconds, p50Ms: at(0.5), p99Ms: at(0.99), ok, errors: count - ok, statuses, cpuMicrosPerRequest: (cpuMs * 1000) / count };
}

runBench('bench:petition', () => readArguments(petitionArguments), async (args) => {
  const started = await startProductionServer({
    name: 'petition',
    child: 'petition-server-child.js',
    staticFileName: 'check-email.html',
    env: { TRUST_PROXY: '1', RUN_JOBS: 'false', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
  });
  const { server, staticFile } = started;
  try {
    log(`warming up: ${Math.min(100, args.count)} signatures`);
    const warm = await signatureBurst(server, Math.min(100, args.count), Math.min(10, args.connections), 1_000_000);
    if (warm.errors > 0) throw new Error(`warm-up: ${[...warm.statuses].map(([code, n]) => `${code}×${n}`).join(', ')}`);
    const { cookie, token } = await openForm(server.baseUrl);
    const sample = await request(`${server.baseUrl}${PETITION}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.254.0.1' },
      body: new URLSearchParams({ _csrf: token, name: 'Static Sample', email: 'static@bench.example', country: 'FR', consent: 'yes' }).toString(),
    });
    writeFileSync(staticFile, await sample.body.text());
    const options: LoadOptions = { connections: args.connections, durationSeconds: args.duration, warmupRequests: 200 };
    const { baselines } = await measureBaselines(staticFile, options, null);
    const appStatic = await measure(server, { name: 'app-static', path: '/bench/static' }, options, null);
    log(`burst: ${args.count} signatures, ${args.connections} at a time`);
    const burst = await signatureBurst(server, args.count, args.connections, 0);
    const row = (name: string, rps: number, p99: number, cpu: number, extra = '') =>
      `${name.padEnd(24)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${p99.toFixed(0).padStart(5)} ms  ${cpu.toFixed(0).padStart(6)} µs CPU/request${extra}`;
    console.log(`\nPetition signature burst, compiled, NODE_ENV=production, loopback; ${args.connections} connections; baselines ${args.duration} s each`);
    for (const baseline of baselines) console.log(row(baseline.name, baseline.load.requestsPerSecond, baseline.load.p99Ms, baseline.cpuMicrosPerRequest, '  errors 0'));
    console.log(row('app-static (chain)', appStatic.load.requestsPerSecond, appStatic.load.p99Ms, appStatic.cpuMicrosPerRequest, '  errors 0'));
    const codes = [...burst.statuses].map(([code, n]) => `${code}×${n}`).join(', ');
    console.log(row(`sign (${args.count} posts)`, burst.requestsPerSecond, burst.p99Ms, burst.cpuMicrosPerRequest, `  errors ${burst.errors} [${codes}]  p50 ${burst.p50Ms.toFixed(0)} ms, ${burst.seconds.toFixed(1)} s`));
    if (burst.errors > 0) process.exitCode = 1;
  } finally {
    await started.stop();
  }
});
