import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildMessage, ChildRequest } from './db-engine-child';

export interface EngineProcessOptions {
  /** Directory for the engine's data; absent: in memory. */
  dataDir?: string;
  /** The child compiled to JavaScript (see db-compile-engine.ts); absent: the TypeScript child under tsx. */
  compiled?: { childPath: string; nodeModules: string };
}

export interface MemoryReport {
  rss: number;
  heapUsed: number;
  external: number;
}

export interface EngineProcess {
  uri: string;
  pid: number;
  memory(): Promise<MemoryReport>;
  /** CPU time (user + system) the engine process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  startProfile(): Promise<void>;
  /** Writes the CPU profile recorded since startProfile to `file` (.cpuprofile, Chrome DevTools format). */
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage): void => {
      if (message.type === type) {
        cleanup();
        resolve(message as Extract<ChildMessage, { type: T }>);
      } else if (message.type === 'failed') {
        cleanup();
        reject(new Error(`engine child failed: ${message.message}`));
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`engine child exited (code ${code}) before answering ${type}`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks the engine in a child Node process and waits for its URI. */
export async function startEngineProcess(options: EngineProcessOptions = {}): Promise<EngineProcess> {
  const { compiled } = options;
  const script = compiled?.childPath ?? path.join(__dirname, 'db-engine-child.ts');
  const child = fork(script, options.dataDir ? [options.dataDir] : [], {
    execArgv: compiled ? ['--expose-gc'] : ['--import', 'tsx', '--expose-gc'],
    env: compiled ? { ...process.env, NODE_PATH: compiled.nodeModules } : process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const request = (message: ChildRequest): void => {
    child.send(message);
  };
  const ready = await nextMessage(child, 'ready');
  return {
    uri: ready.uri,
    pid: child.pid ?? 0,
    async memory() {
      const answer = nextMessage(child, 'memory');
      request({ type: 'memory' });
      const { rss, heapUsed, external } = await answer;
      return { rss, heapUsed, external };
    },
    async cpuMicros() {
      const answer = nextMessage(child, 'cpu');
      request({ type: 'cpu' });
      return (await answer).micros;
    },
    async startProfile() {
      const answer = nextMessage(child, 'profile-started');
      request({ type: 'profile-start' });
      await answer;
    },
    async stopProfile(file) {
      const answer = nextMessage(child, 'profile-written');
      request({ type: 'profile-stop', file });
      await answer;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      request({ type: 'stop' });
      await exited;
    },
  };
}
