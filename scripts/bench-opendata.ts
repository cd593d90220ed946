/**
 * Open data speed as users run it (compiled, NODE_ENV=production, the real server on a data directory
 * seeded with N synthetic organisations, background jobs off): the full CSV download (time to first byte,
 * total time, the server's CPU time and peak RSS growth meanwhile, three runs), then the API's organisation list under autocannon beside
 * the same bytes sent by a plain Express route (another process) and through the app's whole middleware
 * chain, with the server's CPU µs per request.
 * Usage: npm run bench:opendata [-- --sizes 10000,100000 --duration 10 --connections 32 --warmup 500]
 */
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fetchPage, type LoadOptions } from './bench/autocannon-load';
import { buildCompiled, compiledBenchScript, prepareDataDir } from './bench/bench-data-dir';
import { processCpuMs } from './bench/cold-start';
import { readBenchArguments, type BenchArguments } from './bench/directory-arguments';
import { measure, measureBaselines } from './bench/directory-measure';
import { measureDownload } from './bench/download-measure';
import { startHttpServerProcess } from './bench/http-server-process';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const API_LIST = '/api/v1/organisations?sort=joined&page=3&size=50';

function productionEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    PORT: '0',
    // The throughput run must measure the API, not its refusals; the limiter's counting still runs.
    API_RATE_LIMIT_PER_WINDOW: '1000000000',
    // Background jobs (the evidence sweep over every domain) would share the CPU being measured.
    RUN_JOBS: 'false',
  };
  for (const name of ['LOG_LEVEL', 'MONGODB_URI', 'BASE_URL']) delete env[name];
  return env;
}

async function benchSize(size: number, args: BenchArguments, options: LoadOptions): Promise<void> {
  log(`\n== ${size} organisations ==`);
  const dataDir = await prepareDataDir(size, args['data-dir']);
  const workDir = mkdtempSync(path.join(os.tmpdir(), `accord-bench-opendata-${size}-`));
  const logFd = openSync(path.join(workDir, 'server.log'), 'a');
  const staticFile = path.join(workDir, 'api-page.json');
  const app = await startHttpServerProcess(compiledBenchScript('directory-server-child.js'), {
    args: [staticFile],
    env: productionEnv(dataDir),
    compiled: true,
    stdout: logFd,
  });
  try {
    const lines: string[] = [];
    // One download first, not reported: the server prepares its statistics once it answers, and the
    // first rows run cold code; the three runs then measure the download alone.
    await measureDownload(`${app.baseUrl}/signatories.csv`, app.pid);
    for (let run = 1; run <= 3; run += 1) {
      const before = await app.memory();
      const cpuBefore = processCpuMs(app.pid);
      const csv = await measureDownload(`${app.baseUrl}/signatories.csv`, app.pid);
      const cpuMs = processCpuMs(app.pid) - cpuBefore;
      lines.push(
        `CSV run ${run}: ${csv.rows} rows, ${(csv.bytes / 1_048_576).toFixed(1)} MiB, first byte ` +
          `${csv.firstByteMs.toFixed(0)} ms, complete ${csv.totalMs.toFixed(0)} ms, server CPU ` +
          `${cpuMs.toFixed(0)} ms (${((cpuMs * 1000) / Math.max(csv.rows, 1)).toFixed(1)} µs per row), server RSS +` +
          `${csv.rssGrowthMiB.toFixed(1)} MiB at peak (RSS before ${(before.rss / 1_048_576).toFixed(0)} MiB)`,
      );
      log(`  ${lines.at(-1)}`);
    }
    const page = await fetchPage(`${app.baseUrl}${API_LIST}`);
    if (page.status !== 200) throw new Error(`${API_LIST} answered ${page.status}`);
    writeFileSync(staticFile, page.body);
    const { baselines } = await measureBaselines(staticFile, options, null);
    const appStatic = await measure(app, { name: 'app-static', path: '/bench/static' }, options, null);
    const api = await measure(app, { name: 'api list', path: API_LIST }, options, null);
    const row = (
      name: string,
      result: { load: { requestsPerSecond: number; p99Ms: number }; cpuMicrosPerRequest: number },
    ) =>
      `${name.padEnd(22)} ${result.load.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ` +
      `${result.load.p99Ms.toFixed(0).padStart(4)} ms  ${result.cpuMicrosPerRequest.toFixed(0).padStart(6)} µs CPU/request`;
    console.log(
      `\n${size} organisations, compiled, NODE_ENV=production; ${args.connections} connections, ` +
        `${args.duration} s per target; API page ${page.bytes} bytes (${API_LIST})`,
    );
    for (const line of lines) console.log(line);
    for (const baseline of baselines) console.log(row(baseline.name, baseline));
    console.log(row('app-static (chain)', appStatic));
    console.log(row('api list', api));
  } finally {
    await app.stop();
    closeSync(logFd);
  }
}

async function main(): Promise<void> {
  const args = readBenchArguments();
  log('compiling to dist/ (tsc)');
  await buildCompiled();
  const options: LoadOptions = {
    connections: args.connections,
    durationSeconds: args.duration,
    warmupRequests: args.warmup,
  };
  for (const size of args.sizes) await benchSize(size, args, options);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:opendata failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
