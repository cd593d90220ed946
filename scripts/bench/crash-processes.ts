import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../src/paths';

/** A child process of the crash runs, with everything it printed so far. */
export interface RunningProcess {
  child: ChildProcess;
  output(): string;
}

export interface SiteProcess extends RunningProcess {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
}

export interface EngineProcess extends RunningProcess {
  uri: string;
  port: number;
}

const START_LIMIT_MS = 180_000;

/**
 * The site's environment for the crash runs: development as `npm start`, no demo data, jobs left in their
 * collection (so each check job a write queued can be counted), no write limit, the directory re-read on
 * every change. The database is the embedded engine on DATA_DIR, or the engine at MONGODB_URI.
 */
export function crashSiteEnv(
  dataDir: string,
  database: { embedded: true } | { uri: string },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SESSION_SECRET: 'crash-run-session-secret-long-enough-0123456789',
    SEED_DEMO_DATA: 'false',
    RUN_JOBS: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_WRITES_PER_WINDOW: '100000',
    DIRECTORY_VERSION_CHECK_MS: '0',
  };
  delete env['MONGODB_URI'];
  if ('uri' in database) env['MONGODB_URI'] = database.uri;
  return env;
}

/** Every process a run starts, so that a failing run still leaves none behind. */
export class ProcessGroup {
  private readonly processes: RunningProcess[] = [];

  track<T extends RunningProcess>(running: T): T {
    this.processes.push(running);
    return running;
  }

  async killAll(): Promise<void> {
    await Promise.all(this.processes.splice(0).map((running) => killHard(running)));
  }
}

function spawnTypeScript(args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { child, output: () => text };
}

/** Resolves with the first match of `pattern` in the output; rejects if the process exits or takes too long. */
function waitForLine(running: RunningProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`${what} did not start within ${START_LIMIT_MS} ms:\n${running.output()}`)),
      START_LIMIT_MS,
    );
    const onData = (): void => {
      const match = pattern.exec(running.output());
      if (match) finish(null, match);
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`${what} exited (${code}) before it was ready:\n${running.output()}`));
    const finish = (error: Error | null, match?: RegExpExecArray): void => {
      clearTimeout(timer);
      running.child.stdout?.off('data', onData);
      running.child.stderr?.off('data', onData);
      running.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match!);
    };
    running.child.stdout?.on('data', onData);
    running.child.stderr?.on('data', onData);
    running.child.once('exit', onExit);
    onData();
  });
}

/**
 * The server as `npm start` runs it (`node --import tsx src/server.ts`): with DATA_DIR and no MONGODB_URI the
 * embedded engine runs inside this process, so a SIGKILL takes both down at once.
 */
export async function startSite(group: ProcessGroup, env: NodeJS.ProcessEnv): Promise<SiteProcess> {
  const running = group.track(spawnTypeScript(['src/server.ts'], { ...env, HOST: '127.0.0.1', PORT: '0' }));
  const [, port] = await waitForLine(
    running,
    /Accord Registry is serving http:\/\/[^:\s]+:(\d+)/,
    'the site',
  );
  return { ...running, baseUrl: `http://127.0.0.1:${port}` };
}

/** The engine as `npm run db` runs it, on a data directory; port 0 picks a free one. */
export async function startEngine(group: ProcessGroup, dataDir: string, port = 0): Promise<EngineProcess> {
  const running = group.track(
    spawnTypeScript(['src/engine/cli.ts', '--port', String(port), '--data-dir', dataDir], process.env),
  );
  const [, uri, boundPort] = await waitForLine(
    running,
    /ready: (mongodb:\/\/127\.0\.0\.1:(\d+)\S*)/,
    'the engine',
  );
  return { ...running, uri: uri!, port: Number(boundPort) };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGKILL, resolved once the process is reaped: no handler runs, no buffer is flushed. */
export async function killHard(running: RunningProcess): Promise<void> {
  const gone = exited(running.child);
  running.child.kill('SIGKILL');
  await gone;
}

/** SIGTERM, as an operator stops it, resolved with the exit code once it has drained and closed. */
export async function stopGently(running: RunningProcess): Promise<number | null> {
  const gone = exited(running.child);
  running.child.kill('SIGTERM');
  await gone;
  return running.child.exitCode;
}
