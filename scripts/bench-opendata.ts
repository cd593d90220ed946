/**
 * Open data speed as users run it (compiled, NODE_ENV=production, the real server on a data directory
 * seeded once per size with N synthetic organisations and reused, background jobs off): the first full CSV
 * download right after start, three more, then one JSON download (time to first byte, total time, the
 * server's CPU time and peak RSS growth meanwhile), then the API's organisation list under autocannon beside
 * the same bytes sent by a plain Express route (another process) and through the app's whole middleware
 * chain, with the server's CPU µs per request.
 * Usage: npm run bench:opendata [-- --sizes 10000,100000 --duration 10 --connections 32 --warmup 500]
 */
import { writeFileSync } from 'node:fs';
import { fetchPage } from './bench/autocannon-load';
import { prepareDataDir } from './bench/bench-data-dir';
import { log, runBench } from './bench/bench-cli';
import { processCpuMs } from './bench/cold-start';
import { loadOptionsOf, readBenchArguments, type BenchArguments } from './bench/directory-arguments';
import { measure, measureBaselines } from './bench/directory-measure';
import { measureDownload } from './bench/download-measure';
import type { HttpServerProcess } from './bench/http-server-process';
import { startProductionServer } from './bench/production-server';

const API_LIST = '/api/v1/organisations?sort=joined&page=3&size=50';

async function download(app: HttpServerProcess, file: string, label: string): Promise<string> {
  const before = await app.memory();
  const cpuBefore = processCpuMs(app.pid);
  const result = await measureDownload(`${app.baseUrl}/${file}`, app.pid);
  const cpuMs = processCpuMs(app.pid) - cpuBefore;
  const rows = file.endsWith('.csv') ? `${result.rows} rows, ` : '';
  const line =
    `${label}: ${rows}${(result.bytes / 1_048_576).toFixed(1)} MiB, first byte ` +
    `${result.firstByteMs.toFixed(0)} ms, complete ${result.totalMs.toFixed(0)} ms, server CPU ` +
    `${cpuMs.toFixed(0)} ms, server RSS +${result.rssGrowthMiB.toFixed(1)} MiB at peak ` +
    `(RSS before ${(before.rss / 1_048_576).toFixed(0)} MiB)`;
  log(`  ${line}`);
  return line;
}

function row(name: string, result: { load: { requestsPerSecond: number; p99Ms: number }; cpuMicrosPerRequest: number }) {
  return (
    `${name.padEnd(22)} ${result.load.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ` +
    `${result.load.p99Ms.toFixed(0).padStart(4)} ms  ${result.cpuMicrosPerRequest.toFixed(0).padStart(6)} µs CPU/request`
  );
}

async function benchSize(size: number, args: BenchArguments): Promise<void> {
  log(`\n== ${size} organisations ==`);
  const options = loadOptionsOf(args);
  const started = await startProductionServer({
    name: `opendata-${size}`,
    child: 'directory-server-child.js',
    dataDir: await prepareDataDir(size, args['data-dir']),
    staticFileName: 'api-page.json',
    // The throughput run must measure the API, not its refusals (the limiter's counting still runs);
    // background jobs (the evidence sweep over every domain) would share the CPU being measured.
    env: { API_RATE_LIMIT_PER_WINDOW: '1000000000', RUN_JOBS: 'false' },
  });
  const app = started.server;
  try {
    // The first download comes straight after start, as a visitor's might: the statistics are being
    // prepared meanwhile and the code is cold.
    const lines = [await download(app, 'signatories.csv', 'CSV first after start')];
    for (let run = 1; run <= 3; run += 1) lines.push(await download(app, 'signatories.csv', `CSV run ${run}`));
    lines.push(await download(app, 'signatories.json', 'JSON'));
    const page = await fetchPage(`${app.baseUrl}${API_LIST}`);
    if (page.status !== 200) throw new Error(`${API_LIST} answered ${page.status}`);
    writeFileSync(started.staticFile, page.body);
    const { baselines } = await measureBaselines(started.staticFile, options, null);
    const appStatic = await measure(app, { name: 'app-static', path: '/bench/static' }, options, null);
    const api = await measure(app, { name: 'api list', path: API_LIST }, options, null);
    console.log(
      `\n${size} organisations, compiled, NODE_ENV=production, started in ${app.facts.startSeconds} s; ` +
        `${args.connections} connections, ${args.duration} s per target; API page ${page.bytes} bytes (${API_LIST})`,
    );
    for (const line of lines) console.log(line);
    for (const baseline of baselines) console.log(row(baseline.name, baseline));
    console.log(row('app-static (chain)', appStatic));
    console.log(row('api list', api));
  } finally {
    await started.stop();
  }
}

runBench('bench:opendata', readBenchArguments, async (args) => {
  for (const size of args.sizes) await benchSize(size, args);
});
