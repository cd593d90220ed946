import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');
/** Linux's clock ticks per second for /proc/<pid>/stat times. */
const TICKS_PER_SECOND = 100;

export interface ColdStart {
  /** From spawning `node dist/server.js` (what `npm run serve` runs) to the first 200 on `/`. */
  ms: number;
  /** CPU time the server used meanwhile: steadier than wall time on a shared machine. */
  cpuMs: number;
  rssMiB: number;
}

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

export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function firstOk(url: string, deadline: number, exited: () => boolean): Promise<void> {
  while (Date.now() < deadline && !exited()) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} did not answer 200 (server ${exited() ? 'exited' : 'too slow'})`);
}

/**
 * What `npm run serve` runs, on an existing data directory, with its log lines sent to `logFd`. The job
 * queue is off: it starts only after the first answer, where the measurement ends, and left on it would
 * check the synthetic organisations' websites over the network and change the data between runs.
 */
export async function measureColdStart(env: NodeJS.ProcessEnv, logFd: number): Promise<ColdStart> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: projectRoot,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', RUN_JOBS: 'false' },
    stdio: ['ignore', logFd, 'inherit'],
  });
  const pid = child.pid ?? 0;
  try {
    await firstOk(`http://127.0.0.1:${port}/`, Date.now() + 300_000, () => child.exitCode !== null);
    return { ms: performance.now() - started, cpuMs: processCpuMs(pid), rssMiB: rssMiB(pid) };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
