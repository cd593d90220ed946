import { fork, type ChildProcess } from 'node:child_process';
import type { HttpChildMessage, HttpChildRequest } from './http-server-child';

export interface ServerMemory {
  rss: number;
  heapUsed: number;
}

export interface HttpServerProcess {
  baseUrl: string;
  pid: number;
  facts: Record<string, string | number>;
  memory(): Promise<ServerMemory>;
  /** The process's memory as it is (no collection first), to follow the heap over a run. */
  memoryUsage(): Promise<NodeJS.MemoryUsage>;
  /** CPU time (user + system) the server process has used so far, in milliseconds. */
  cpuMs(): Promise<number>;
  /** CPU time and, of it, time paused for garbage collection, so far, in milliseconds (one reading). */
  times(): Promise<{ cpuMs: number; gcMs: number }>;
  /** Samples the server's CPU and allocations until `stopProfile`, which writes both profiles. */
  startProfile(): Promise<void>;
  stopProfile(files: { cpuFile: string; heapFile: string }): Promise<void>;
  stop(): Promise<void>;
}

export interface HttpServerProcessOptions {
  /** Arguments for the child script. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Extra Node flags, e.g. --max-old-space-size. */
  nodeFlags?: string[];
  /** A compiled script runs on plain Node; otherwise TypeScript is loaded through tsx. */
  compiled?: boolean;
  /** A file descriptor for the child's standard output (its access log), instead of ours. */
  stdout?: number;
  onProgress?: (text: string) => void;
}

function nextMessage<T extends HttpChildMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<HttpChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: HttpChildMessage): void => {
      if (message.type === type) {
        cleanup();
        resolve(message as Extract<HttpChildMessage, { type: T }>);
      } else if (message.type === 'failed') {
        cleanup();
        reject(new Error(`server process failed: ${message.message}`));
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`server process exited (code ${code}) before answering ${type}`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks a script built on runHttpChild and waits until it listens. */
export async function startHttpServerProcess(
  script: string,
  options: HttpServerProcessOptions = {},
): Promise<HttpServerProcess> {
  const child = fork(script, options.args ?? [], {
    execArgv: [...(options.compiled ? [] : ['--import', 'tsx']), '--expose-gc', ...(options.nodeFlags ?? [])],
    env: options.env ?? process.env,
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: HttpChildMessage) => {
    if (message.type === 'progress') options.onProgress?.(message.text);
  });
  const ask = async <T extends HttpChildMessage['type']>(request: HttpChildRequest, answer: T) => {
    const reply = nextMessage(child, answer);
    child.send(request);
    return reply;
  };
  const times = async () => {
    const { micros, gcMicros } = await ask({ type: 'cpu' }, 'cpu');
    return { cpuMs: micros / 1000, gcMs: gcMicros / 1000 };
  };
  const ready = await nextMessage(child, 'ready').catch((error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    baseUrl: `http://127.0.0.1:${ready.port}`,
    pid: child.pid ?? 0,
    facts: ready.facts,
    async memory() {
      const { rss, heapUsed } = await ask({ type: 'memory' }, 'memory');
      return { rss, heapUsed };
    },
    async memoryUsage() {
      return (await ask({ type: 'memory-usage' }, 'memory-usage')).usage;
    },
    async cpuMs() {
      return (await times()).cpuMs;
    },
    times,
    async startProfile() {
      await ask({ type: 'profile-start' }, 'profile-started');
    },
    async stopProfile(files) {
      await ask({ type: 'profile-stop', ...files }, 'profile-stopped');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies HttpChildRequest);
      await exited;
    },
  };
}
