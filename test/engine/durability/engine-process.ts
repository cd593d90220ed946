import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';

const repoRoot = path.resolve(__dirname, '../../..');

/** The engine command line (`npm run db`) running as its own process on a loopback port. */
export interface EngineProcess {
  child: ChildProcess;
  uri: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

export interface ExitedProcess {
  code: number | null;
  output: string;
}

function spawnCli(dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/engine/cli.ts', '--port', '0', '--data-dir', dataDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { child, output: () => text };
}

/** Starts the engine on `dataDir` and resolves once it prints its `ready: <uri>` line. */
export function startEngineProcess(dataDir: string): Promise<EngineProcess> {
  const { child, output } = spawnCli(dataDir);
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const match = /ready: (mongodb:\/\/\S+)/.exec(output());
      if (!match?.[1]) return;
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      resolve({ child, uri: match[1], output });
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`engine exited (${code}) before it was ready:\n${output()}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Starts the engine on `dataDir` expecting it to refuse: resolves with its exit code and output. */
export function runEngineUntilExit(dataDir: string): Promise<ExitedProcess> {
  const { child, output } = spawnCli(dataDir);
  // An engine that starts serving instead of refusing is killed, so the test fails (exit code null) at once.
  child.stdout?.on('data', () => {
    if (/ready: mongodb:/.test(output())) child.kill('SIGKILL');
  });
  return new Promise((resolve) => {
    child.once('close', (code: number | null) => resolve({ code, output: output() }));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGKILLs the engine and resolves once the process is reaped, so its pid is really gone. */
export async function killEngine(engine: EngineProcess): Promise<void> {
  const gone = exited(engine.child);
  engine.child.kill('SIGKILL');
  await gone;
}

/** Stops the engine with SIGTERM, as an operator would, and returns its exit code. */
export async function stopEngine(engine: EngineProcess): Promise<number | null> {
  const gone = new Promise<number | null>((resolve) => {
    if (engine.child.exitCode !== null) resolve(engine.child.exitCode);
    else engine.child.once('exit', (code) => resolve(code));
  });
  engine.child.kill('SIGTERM');
  return gone;
}

/** Short timeouts so that writes in flight when the engine dies fail quickly instead of waiting. */
export function connect(uri: string): Promise<MongoClient> {
  return new MongoClient(uri, { serverSelectionTimeoutMS: 1500, connectTimeoutMS: 1500 }).connect();
}

/** Runs `use` with a client connected to the engine, closing it afterwards. */
export async function withClient<T>(
  engine: EngineProcess,
  use: (client: MongoClient) => Promise<T>,
): Promise<T> {
  const client = await connect(engine.uri);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/**
 * A fresh data directory per test; afterwards every engine the test started is killed and the
 * directory removed, even when the test failed half way.
 */
export function useEngineSandbox(): { dir: () => string; track: (engine: EngineProcess) => EngineProcess } {
  let dir: string | undefined;
  const engines: EngineProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'durability-'));
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map(killEngine));
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    dir: () => {
      if (!dir) throw new Error('data directory used outside a test');
      return dir;
    },
    track: (engine) => {
      engines.push(engine);
      return engine;
    },
  };
}
