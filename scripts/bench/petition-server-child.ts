/**
 * The server as `npm run serve` runs it (startServer, compiled, NODE_ENV=production, the embedded engine on
 * a fresh data directory), with Digital Peace Now created as the seed creates it, plus /bench/static: the
 * check-your-email page's bytes served through the whole middleware chain.
 * Usage (through fork, compiled): petition-server-child.js STATIC_HTML_FILE
 */
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { ensureSeedPetitions } from '../../src/seed/petitions';
import { createServices } from '../../src/services';
import { startServer } from '../../src/startServer';
import { runHttpChild } from './http-server-child';

function staticPageRouter(file: string): Router {
  let html: string | undefined;
  return Router().get('/bench/static', (_req, res) => {
    html ??= readFileSync(file, 'utf8');
    res.type('html').send(html);
  });
}

runHttpChild(async () => {
  const server = await startServer({ env: process.env, extraRouters: [staticPageRouter(process.argv[2] ?? '')] });
  const config = loadConfig(process.env);
  const seedServices = createServices({ config, logger: createLogger(config), connection: mongoose.connection });
  await ensureSeedPetitions(seedServices.recordChange);
  return { port: server.port, facts: {}, close: () => server.stop() };
});
