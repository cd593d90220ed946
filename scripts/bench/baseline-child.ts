/**
 * The baselines: a plain Express 5 route answering a fixed HTML string (and one answering /healthz's JSON), with the app's compression
 * middleware, in its own process like the app under test. The string is a captured copy of the page it
 * stands for, so it has the same size and compresses alike.
 * With `app-server`, the same app is served by the app's own HTTP server (src/httpServer.ts), to show what
 * that server alone changes.
 * Usage (through fork): baseline-child.ts HTML_FILE [app-server]
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import express from 'express';
import { listen } from '../../src/httpServer';
import { setUpCompression } from '../../src/middleware/compression';
import { runHttpChild } from './http-server-child';

runHttpChild(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('baseline-child needs the file holding the HTML to serve');
  const html = readFileSync(file, 'utf8');
  const app = express();
  app.disable('x-powered-by');
  app.use(setUpCompression());
  app.get('/baseline', (_req, res) => {
    res.type('html').send(html);
  });
  // The same answer as the app's liveness probe, for comparing /healthz with like.
  app.get('/baseline-health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  // By default a server as `app.listen` makes it, so the baseline is Express as anyone would run it.
  const appServer = process.argv[3] === 'app-server';
  const running = await (appServer
    ? listen(app, 0, '127.0.0.1')
    : listen(app, 0, '127.0.0.1', createServer(app)));
  return {
    port: running.port,
    facts: { bytes: Buffer.byteLength(html) },
    close: () => running.close(1_000),
  };
});
