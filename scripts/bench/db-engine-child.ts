/**
 * The engine under benchmark, in its own process so that the client and the server do not share an
 * event loop. Started by db-engine-process.ts over IPC: it reports its URI, answers memory requests,
 * records a CPU profile between two requests, and stops when asked.
 * Usage (through fork): db-engine-child.ts [DATA_DIR]
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { startEngine } from '../../src/engine/index';

export type ChildRequest =
  | { type: 'memory' }
  | { type: 'cpu' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; uri: string }
  | { type: 'cpu'; micros: number }
  | { type: 'profile-started' }
  | { type: 'profile-written'; file: string }
  | { type: 'memory'; rss: number; heapUsed: number; external: number; arrayBuffers: number }
  | { type: 'failed'; message: string };

function send(message: ChildMessage): void {
  process.send?.(message);
}

function isRequest(value: unknown): value is ChildRequest {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

/** CPU profiling of one phase at a time, through the inspector, so loading does not blur each operation. */
async function profile(session: Session, request: ChildRequest): Promise<void> {
  if (request.type === 'profile-start') {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    send({ type: 'profile-started' });
  } else if (request.type === 'profile-stop') {
    const { profile: data } = await session.post('Profiler.stop');
    await writeFile(request.file, JSON.stringify(data));
    send({ type: 'profile-written', file: request.file });
  }
}

async function main(): Promise<void> {
  const session = new Session();
  session.connect();
  const dataDir = process.argv[2];
  const engine = await startEngine({ port: 0, dataDir });
  process.on('message', (request: unknown) => {
    if (!isRequest(request)) return;
    if (request.type === 'memory') {
      // Collect garbage first (when the child runs with --expose-gc) so RSS reflects live data.
      const gc: unknown = Reflect.get(globalThis, 'gc');
      if (typeof gc === 'function') gc();
      const usage = process.memoryUsage();
      send({
        type: 'memory',
        rss: usage.rss,
        heapUsed: usage.heapUsed,
        external: usage.external,
        arrayBuffers: usage.arrayBuffers,
      });
    } else if (request.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    } else if (request.type === 'profile-start' || request.type === 'profile-stop') {
      profile(session, request).catch((error: unknown) => send({ type: 'failed', message: String(error) }));
    } else if (request.type === 'stop') {
      engine.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  send({ type: 'ready', uri: engine.uri });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
