/**
 * Directory speed as users run it: `npm run build` output on plain Node, NODE_ENV=production, the default
 * log level (access logs written to a file), the real server start (startServer) on a data directory
 * seeded once per size and reused. For each size: the cold start of `node dist/server.js` to the first
 * 200, then every target under autocannon beside a plain Express route sending the same bytes (another
 * process), with the server's CPU µs per request, which moves less than throughput on a shared machine.
 * Usage: npm run bench:directory [-- --sizes 10000,100000 --duration 10 --connections 32 --warmup 500
 *        --gzip --profile --only filtered,search --data-dir DIR --server-flags=--trace-gc]
 */
import { closeSync, mkdtempSync, openSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchPage, warmUp } from './bench/autocannon-load';
import { compiledBenchScript, prepareDataDir } from './bench/bench-data-dir';
import { log, runBench } from './bench/bench-cli';
import { measureColdStart } from './bench/cold-start';
import { loadOptionsOf, readBenchArguments, type BenchArguments } from './bench/directory-arguments';
import { measure, measureAppServerBaseline, measureBaselines } from './bench/directory-measure';
import { report, type Measured } from './bench/directory-report';
import { directoryTargets } from './bench/directory-targets';
import { startHttpServerProcess } from './bench/http-server-process';
import { productionEnv } from './production-env';

const loadAverage = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function benchSize(size: number, args: BenchArguments): Promise<void> {
  const options = loadOptionsOf(args);
  log(`\n== ${size} organisations (load average ${loadAverage()}) ==`);
  const dataDir = await prepareDataDir(size, args['data-dir']);
  const workDir = mkdtempSync(path.join(os.tmpdir(), `accord-bench-${size}-`));
  const logFd = openSync(path.join(workDir, 'server.log'), 'a');
  const env = productionEnv(dataDir);
  const profileDir = args.profile ? workDir : null;
  try {
    const cold = await measureColdStart(env, logFd);
    log(
      `  cold start ${cold.ms.toFixed(0)} ms (${cold.cpuMs.toFixed(0)} ms CPU), RSS ${cold.rssMiB.toFixed(0)} MiB`,
    );
    const staticFile = path.join(workDir, 'page.html');
    // Under load the background jobs (the evidence sweep over every domain) are off: they would take the
    // CPU being measured, and a warm-up could time out behind a sweep.
    const app = await startHttpServerProcess(compiledBenchScript('directory-server-child.js'), {
      args: [staticFile],
      env: { ...env, RUN_JOBS: 'false' },
      compiled: true,
      stdout: logFd,
      nodeFlags: args['server-flags']?.split(' ').filter(Boolean) ?? [],
    });
    try {
      const wanted = args.only?.split(',');
      const targets = directoryTargets(String(app.facts.sampleSlug)).filter(
        (t) => !wanted || wanted.includes(t.name) || t.name === 'app-static',
      );
      const pages = new Map<string, { bytes: number; ms: number }>();
      for (const target of targets.filter((t) => t.name !== 'app-static')) {
        const page = await fetchPage(`${app.baseUrl}${target.path}`, options.headers ?? {});
        if (page.status !== (target.expectStatus ?? 200))
          throw new Error(`${target.path} answered ${page.status}`);
        if (target.mustContain && !page.body.includes(target.mustContain)) {
          throw new Error(`${target.path} does not contain "${target.mustContain}"`);
        }
        pages.set(target.name, page);
        if (target.name === 'filtered') writeFileSync(staticFile, page.body);
      }
      if (!pages.has('filtered')) {
        writeFileSync(staticFile, (await fetchPage(`${app.baseUrl}${directoryTargets('')[0]?.path}`)).body);
      }
      const { baselines, healthBaseline } = await measureBaselines(staticFile, options, profileDir);
      const appServerBaseline = await measureAppServerBaseline(staticFile, options);
      // One pass over every page first, so JIT and caches are warm before whichever is measured first.
      for (const target of targets) {
        await warmUp(`${app.baseUrl}${target.path}`, {
          ...options,
          pathFor: target.pathFor,
          expectStatus: target.expectStatus,
        });
      }
      const measured: Measured[] = [];
      for (const target of targets) {
        const bytes =
          target.name === 'app-static' ? statSync(staticFile).size : (pages.get(target.name)?.bytes ?? 0);
        measured.push({
          ...(await measure(app, target, options, profileDir)),
          kind: target.kind,
          bytes,
          coldMs: pages.get(target.name)?.ms ?? 0,
        });
      }
      const facts = app.facts;
      console.log(
        `\n${size} organisations, compiled, NODE_ENV=production, default log level, data directory: ` +
          `cold start of node dist/server.js to the first 200 ${(cold.ms / 1000).toFixed(2)} s ` +
          `(${(cold.cpuMs / 1000).toFixed(2)} s CPU), RSS then ${cold.rssMiB.toFixed(0)} MiB. ` +
          `RSS ${facts.rssBeforeDatabaseMiB} MiB before the database, ${facts.rssDatabaseOpenMiB} MiB with the ` +
          `embedded engine's data open, ${facts.rssListeningMiB} MiB listening (heap ${facts.heapBeforeDatabaseMiB} → ` +
          `${facts.heapDatabaseOpenMiB} → ${facts.heapListeningMiB} MiB). Background jobs off under load; ` +
          `${args.connections} connections, ` +
          `${args.duration} s per target after ${args.warmup} warm-up requests${args.gzip ? ', gzip' : ''}; ` +
          `baseline = a plain Express route sending a copy of "filtered" (mean of ${baselines.length} runs), ` +
          `baseline-health = a plain Express /healthz; "baseline, app server" = the plain route served by the ` +
          `app's HTTP server (requests created with Express's prototypes; not a target's reference); ` +
          `app-static = that copy sent through the app's whole chain; ` +
          `load average now ${loadAverage()}`,
      );
      console.log(
        report(size, { baselines, healthBaseline, informational: [appServerBaseline], targets: measured }),
      );
      if (profileDir) console.log(`CPU and allocation profiles in ${profileDir}`);
    } finally {
      await app.stop();
    }
  } finally {
    closeSync(logFd);
  }
}

runBench('bench:directory', readBenchArguments, async (args) => {
  for (const size of args.sizes) await benchSize(size, args);
});
