/**
 * Cold start of `npm start` to the first 200 on `/`, five times on a fresh data directory each time,
 * with the resident memory of the server process once it answers.
 * Usage: npm run bench:startup [-- --runs 5] [--direct]
 * --reuse-data keeps one data directory for every run, so only the first start loads the demo data.
 * --direct runs `node dist/src/server.js` (already built) instead of `npm start`, to separate the build check.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const projectRoot = path.resolve(__dirname, '..');
const direct = process.argv.includes('--direct');
const reuseData = process.argv.includes('--reuse-data');
const sharedDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
const command: [string, string[]] = direct
  ? [process.execPath, ['dist/src/server.js']]
  : ['npm', ['start', '--silent']];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resident set size in MiB of a process and all its descendants (npm → sh → node). */
function treeRssMiB(rootPid: number): { pid: number; rssMiB: number }[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const result: { pid: number; rssMiB: number }[] = [];
  const visit = (pid: number): void => {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    result.push({ pid, rssMiB: rssKiB / 1024 });
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return result;
}

async function waitFor200(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} did not answer 200 in time`);
}

async function oneRun(): Promise<{ ms: number; serverRssMiB: number }> {
  const port = await freePort();
  const dataDir = reuseData ? sharedDataDir : fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
  const started = performance.now();
  const child = spawn(command[0], command[1], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  try {
    const exitedEarly = new Promise<never>((_resolve, reject) =>
      child.once('exit', (code) =>
        reject(new Error(`${command[0]} exited with code ${code} before serving`)),
      ),
    );
    exitedEarly.catch(() => undefined);
    await Promise.race([waitFor200(`http://127.0.0.1:${port}/`, Date.now() + 120_000), exitedEarly]);
    const ms = performance.now() - started;
    const processes = treeRssMiB(child.pid ?? 0);
    return { ms, serverRssMiB: Math.max(...processes.map((p) => p.rssMiB)) };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-(child.pid ?? 0), 'SIGTERM');
      await exited;
    }
    if (!reuseData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: { ms: number; serverRssMiB: number }[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await oneRun();
    results.push(result);
    console.log(
      `run ${run}: first 200 after ${result.ms.toFixed(0)} ms, server RSS ${result.serverRssMiB.toFixed(1)} MiB`,
    );
  }
  fs.rmSync(sharedDataDir, { recursive: true, force: true });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    `median of ${runs} (${direct ? 'node dist/src/server.js' : 'npm start'}, ${reuseData ? 'same data directory' : 'fresh data directory each run'}): cold start ${median(results.map((r) => r.ms)).toFixed(0)} ms, ` +
      `RSS after start ${median(results.map((r) => r.serverRssMiB)).toFixed(1)} MiB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
