/**
 * The real application (createApp, production settings, logging at warn) on an in-memory embedded
 * engine holding the reference data and COUNT synthetic organisations, in its own process.
 * Besides the app's own routes it serves STATIC_HTML_FILE at /bench/static through the whole middleware
 * stack (createApp's extraRouters), which separates the cost of the middleware from that of the pages.
 * Usage (through fork): directory-app-child.ts COUNT STATIC_HTML_FILE [SEED_PROFILE_FILE]
 */
import { randomBytes } from 'node:crypto';
import { createServices } from '../../src/services';
import mongoose from 'mongoose';
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { connectDatabase } from '../../src/db';
import { startEngine } from '../../src/engine';
import { listen } from '../../src/httpServer';
import { createLogger } from '../../src/logger';
import { Organisation } from '../../src/models/organisation';
import { loadReferenceData } from '../../src/reference';
import { generateSyntheticRegistry } from '../../src/seed';
import { profileWhile, reportProgress, runHttpChild } from './http-server-child';

/** The file is written once the page it copies has been fetched, so it is read on first use. */
function staticPageRouter(file: string): Router {
  let html: string | undefined;
  const router = Router();
  router.get('/bench/static', (_req, res) => {
    html ??= readFileSync(file, 'utf8');
    res.type('html').send(html);
  });
  return router;
}

const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(2));

runHttpChild(async () => {
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) throw new Error('directory-app-child needs a positive COUNT');
  const engine = await startEngine();
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_URI: engine.uri,
  });
  const database = await connectDatabase(config);
  await loadReferenceData();
  const seedStarted = performance.now();
  let lastReport = 0;
  const seed = () =>
    generateSyntheticRegistry(count, {
      onProgress: (done, total) => {
        if (done === total || performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          reportProgress(`seeded ${done}/${total} organisations after ${seconds(seedStarted)} s`);
        }
      },
    });
  const seedProfile = process.argv[4];
  await (seedProfile ? profileWhile(seedProfile, seed) : seed());
  const seedSeconds = seconds(seedStarted);
  const sample = await Organisation.findOne({ origin: { $eq: 'synthetic' } })
    .skip(Math.floor(count / 2))
    .select('slug')
    .lean();
  if (!sample) throw new Error('no synthetic organisation found after seeding');
  const appStarted = performance.now();
  const logger = createLogger(config);
  const app = createApp({
    config,
    logger,
    services: createServices({ config, logger, connection: mongoose.connection }),
    extraRouters: [staticPageRouter(process.argv[3] ?? '')],
  });
  const running = await listen(app, 0, '127.0.0.1');
  return {
    port: running.port,
    facts: { seedSeconds, createAppSeconds: seconds(appStarted), sampleSlug: sample.slug },
    async close() {
      await running.close(1_000);
      await database.close();
      await engine.stop();
    },
  };
});
