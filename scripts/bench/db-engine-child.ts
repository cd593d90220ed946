/**
 * The engine under benchmark, in its own process so that the client and the server do not share an
 * event loop. Started by db-engine-process.ts over IPC: it reports its URI, answers memory requests and
 * stops (exiting normally, so that a `--cpu-prof` profile gets written) when asked.
 * Usage (through fork): db-engine-child.ts [DATA_DIR]
 */
import { startEngine } from '../../src/engine/index';

export type ChildRequest = { type: 'memory' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; uri: string }
  | { type: 'memory'; rss: number; heapUsed: number; external: number; arrayBuffers: number }
  | { type: 'failed'; message: string };

function send(message: ChildMessage): void {
  process.send?.(message);
}

function isRequest(value: unknown): value is ChildRequest {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

async function main(): Promise<void> {
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
