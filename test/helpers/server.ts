import type { Express } from 'express';
import { listen } from '../../src/httpServer';

/** Serves an app on a loopback port for a browser or a raw HTTP client. */
export async function serveApp(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const running = await listen(app, 0, '127.0.0.1');
  return { baseUrl: `http://127.0.0.1:${running.port}`, close: () => running.close(1_000) };
}
