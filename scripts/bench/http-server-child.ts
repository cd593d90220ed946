/**
 * The child side of a benchmarked HTTP server: the server runs in its own process so that it and the
 * load generator do not share an event loop (one core each). Over IPC the child reports its port and
 * facts about itself, answers memory (after a collection, or as it is) and CPU-time requests, records a CPU and an allocation profile between two requests, and stops.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';

export type HttpChildRequest =
  | { type: 'memory' }
  | { type: 'memory-usage' }
  | { type: 'cpu' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; cpuFile: string; heapFile: string }
  | { type: 'stop' };

export type HttpChildMessage =
  | { type: 'ready'; port: number; facts: Record<string, string | number> }
  | { type: 'memory'; rss: number; heapUsed: number }
  | { type: 'memory-usage'; usage: NodeJS.MemoryUsage }
  | { type: 'cpu'; micros: number; gcMicros: number }
  | { type: 'profile-started' }
  | { type: 'profile-stopped' }
  | { type: 'progress'; text: string }
  | { type: 'failed'; message: string };

export interface ServedByChild {
  port: number;
  /** Anything the parent should know: timings, sample slugs, sizes. */
  facts: Record<string, string | number>;
  close(): Promise<void>;
}

/** Runs `work` under the V8 sampling profiler and writes the profile to `file`. */
export async function profileWhile<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}

function send(message: HttpChildMessage): void {
  process.send?.(message);
}

export function reportProgress(text: string): void {
  send({ type: 'progress', text });
}

function isRequest(value: unknown): value is HttpChildRequest {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

/** Time the process has spent paused for garbage collection, from V8's GC entries. */
function watchGcPauses(): () => number {
  let totalMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) totalMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => totalMs * 1000;
}

function measureMemory(): HttpChildMessage {
  // With --expose-gc, collect first so heapUsed reflects live data rather than garbage awaiting collection.
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') gc();
  const usage = process.memoryUsage();
  return { type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed };
}

async function handle(
  request: HttpChildRequest,
  served: ServedByChild,
  profiler: Session,
  gcPauseMicros: () => number,
): Promise<void> {
  switch (request.type) {
    case 'memory':
      return send(measureMemory());
    case 'memory-usage':
      // No collection here: sampled during a run, it shows the heap as the process lives it.
      return send({ type: 'memory-usage', usage: process.memoryUsage() });
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return send({ type: 'cpu', micros: user + system, gcMicros: gcPauseMicros() });
    }
    case 'profile-start':
      await profiler.post('Profiler.enable');
      await profiler.post('HeapProfiler.enable');
      await profiler.post('Profiler.start');
      // Garbage included: the point is what each request allocates, not what stays.
      await profiler.post('HeapProfiler.startSampling', {
        samplingInterval: 16_384,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return send({ type: 'profile-started' });
    case 'profile-stop': {
      const { profile: allocations } = await profiler.post('HeapProfiler.stopSampling');
      const { profile } = await profiler.post('Profiler.stop');
      await writeFile(request.cpuFile, JSON.stringify(profile));
      await writeFile(request.heapFile, JSON.stringify(allocations));
      return send({ type: 'profile-stopped' });
    }
    case 'stop':
      await served.close();
      process.exit(0);
  }
}

/** Starts the server with `start`, then serves the parent's requests until told to stop. */
export function runHttpChild(start: () => Promise<ServedByChild>): void {
  const fail = (error: unknown): never => {
    send({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  };
  process.on('disconnect', () => process.exit(0));
  start().then((served) => {
    const profiler = new Session();
    profiler.connect();
    const gcPauseMicros = watchGcPauses();
    process.on('message', (request: unknown) => {
      if (isRequest(request)) handle(request, served, profiler, gcPauseMicros).catch(fail);
    });
    send({ type: 'ready', port: served.port, facts: served.facts });
  }, fail);
}
