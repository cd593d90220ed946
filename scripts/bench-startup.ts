/**
 * Cold start as users run it: `npm run build`, then `node dist/server.js` (the bundled server, what
 * `npm run serve` runs) with NODE_ENV=production and the default log level on an existing data directory of
 * SIZE organisations (seeded once by `npm run seed -- --synthetic SIZE` and reused), to the first 200 on `/`.
 * Reports wall time, the server's CPU time and its resident memory then, per run and the median.
 * Usage: npm run bench:startup [-- --size 10000 --runs 3 --data-dir DIR --no-build]
 */
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { prepareDataDir } from './bench/bench-data-dir';
import { log, readArguments, runBench } from './bench/bench-cli';
import { measureColdStart, type ColdStart } from './bench/cold-start';
import { productionEnv } from './production-env';

const readArgs = () =>
  readArguments(
    {
      size: z.coerce.number().int().positive().default(10_000),
      runs: z.coerce.number().int().positive().default(3),
      'data-dir': z.string().optional(),
      'no-build': z.boolean().default(false),
    },
    ['no-build'],
  );
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(args: ReturnType<typeof readArgs>): Promise<void> {
  const dataDir = await prepareDataDir(args.size, args['data-dir']);
  const env = productionEnv(dataDir);
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'accord-bench-startup-')), 'server.log');
  const logFd = openSync(logFile, 'a');
  const results: ColdStart[] = [];
  try {
    for (let run = 1; run <= args.runs; run++) {
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
    `${args.size} organisations, node dist/server.js, NODE_ENV=production, default log level, existing data ` +
      `directory; median of ${args.runs}: first 200 after ${median(results.map((r) => r.ms)).toFixed(0)} ms wall, ` +
      `${median(results.map((r) => r.cpuMs)).toFixed(0)} ms CPU, RSS ${median(results.map((r) => r.rssMiB)).toFixed(0)} MiB ` +
      `(server log: ${logFile})`,
  );
}

runBench('bench:startup', readArgs, main, { compile: !process.argv.includes('--no-build') });
