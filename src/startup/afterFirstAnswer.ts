import type { Server } from 'node:http';

/**
 * Resolves once the server has sent its first complete response, or after `graceMs` if no request comes:
 * work that can wait (the job queue, the statistics) then starts without slowing the first visitor.
 */
export function afterFirstAnswer(server: Server, graceMs: number): { ready: Promise<void>; cancel(): void } {
  let settle: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    settle = () => {
      clearTimeout(timer);
      server.off('request', onRequest);
      resolve();
    };
  });
  const onRequest = (_request: unknown, response: NodeJS.EventEmitter) => {
    response.once('finish', () => setImmediate(settle));
    response.once('close', () => setImmediate(settle));
  };
  server.on('request', onRequest);
  const timer = setTimeout(() => settle(), graceMs);
  return { ready, cancel: settle };
}
