/**
 * Cold start as users run it: `npm run build`, then `node dist/src/server.js` (what `npm run serve` runs) with
 * NODE_ENV=production and the default log level on an existing data directory of SIZE organisations (seeded
 * once by `npm run seed -- --synthetic SIZE` and reused), to the first 200 on `/`. Reports wall time, the
 * server's CPU time and its resident memory then, per run and the median.
 * Usage: npm run bench:startup [-- --size 10000 --runs 3 --data-dir DIR --no-build]
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCompiled, prepareDataDir } from './bench/bench-data-dir';
import { measureColdStart, type ColdStart } from './bench/cold-start';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const size = Number(option('size') ?? 10_000);
const runs = Number(option('runs') ?? 3);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    log('compiling to dist/ (tsc)');
    await buildCompiled();
  }
  const dataDir = await prepareDataDir(size, option('data-dir'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  for (const name of ['LOG_LEVEL', 'MONGODB_URI', 'BASE_URL']) delete env[name];
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'accord-bench-startup-')), 'server.log');
  const logFd = openSync(logFile, 'a');
  const results: ColdStart[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const result = await measureColdStart(env, logFd);
      results.push(result);
      log(
        `run ${run}: first 200 after ${result.ms.toFixed(0)} ms (${result.cpuMs.toFixed(0)} ms CPU), ` +
          `RSS ${result.rssMiB.toFixed(0)} MiB (load average ${os.loadavg()[0]?.toFixed(2)})`,
      );
    }
  } finally {
    closeSync(logFd);
  }
  console.log(
    `${size} organisations, node dist/src/server.js, NODE_ENV=production, default log level, existing data ` +
      `directory; median of ${runs}: first 200 after ${median(results.map((r) => r.ms)).toFixed(0)} ms wall, ` +
      `${median(results.map((r) => r.cpuMs)).toFixed(0)} ms CPU, RSS ${median(results.map((r) => r.rssMiB)).toFixed(0)} MiB ` +
      `(server log: ${logFile})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
