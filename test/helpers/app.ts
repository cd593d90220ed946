import type { Express, Router } from 'express';
import mongoose from 'mongoose';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig, type Config, type Environment } from '../../src/config';
import { connectDatabase, type DatabaseHandle } from '../../src/db';
import { startEngine } from '../../src/engine';
import { createLogger } from '../../src/logger';
import type { Clock } from '../../src/clock';
import type { Mailer } from '../../src/mail/mailer';
import { createServices, type Services } from '../../src/services';
import type { CheckContext } from '../../src/features/evidence/checks/context';
import type { EvidenceSettings } from '../../src/features/evidence/evidenceSettings';
import { testPasswordHashingEnvironment } from './passwordHashing';

export type Agent = ReturnType<typeof request.agent>;

export interface TestApp {
  app: Express;
  config: Config;
  engine: { uri: string; port: number; stop(): Promise<void> };
  /** The same services the server builds, on this test's engine. */
  services: Services;
  /** Translation keys a rendered page asked for and the locale files lack, as `lang:ns:key`. */
  missingTranslations: string[];
  /** A cookie-keeping client, as a browser would be. */
  agent(): Agent;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  env?: Partial<Environment>;
  /** Where the app's JSON log lines go (a level must be set in env.LOG_LEVEL to see any). */
  logDestination?: DestinationStream;
  extraRouters?: Router[];
  /** A mailer talking to the test's own SMTP server; without one, mail goes to an outbox under DATA_DIR. */
  mailer?: Mailer;
  clock?: Clock;
  /** Start the job queue, as the web process does by default (needed for e-mail). */
  runJobs?: boolean;
  /** Continuous verification's settings and the DNS/HTTPS peers its checks talk to. */
  evidenceSettings?: EvidenceSettings;
  checkContext?: CheckContext;
  /** Keep the engine's data in this directory (journal and snapshots), so it can be restarted on it. */
  engineDataDir?: string;
}

export const testSessionSecret = 'test-session-secret-that-is-long-enough-0123456789';

/** The real app, built by createApp, on a fresh in-memory engine. One per test file. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const engine = await startEngine({ dataDir: options.engineDataDir });
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: testSessionSecret,
    LOG_LEVEL: 'silent',
    // Production refuses the light hashing cost, as it should: a production-mode app hashes at its own.
    ...(options.env?.NODE_ENV === 'production' ? {} : testPasswordHashingEnvironment),
    ...options.env,
    MONGODB_URI: engine.uri,
  });
  const database: DatabaseHandle = await connectDatabase(config);
  const missingTranslations: string[] = [];
  const logger = createLogger(config, options.logDestination);
  const services = createServices({
    config,
    logger,
    connection: database.connection,
    mailer: options.mailer,
    clock: options.clock,
    evidenceSettings: options.evidenceSettings,
    checkContext: options.checkContext,
  });
  if (options.runJobs) await services.jobs.start();
  const app = createApp({
    config,
    logger,
    services,
    extraRouters: options.extraRouters,
    onMissingTranslation: (lang, ns, key) => missingTranslations.push(`${lang}:${ns}:${key}`),
  });
  return {
    app,
    config,
    engine,
    services,
    missingTranslations,
    agent: () => request.agent(app),
    async stop() {
      await services.jobs.stop(2_000);
      await database.close();
      await engine.stop();
    },
  };
}

export { mongoose };

/** The services a second app server would build on the same database (its own read model and caches). */
export function secondServices(testApp: TestApp): Services {
  return createServices({ config: testApp.config, logger: createLogger(testApp.config), connection: mongoose.connection });
}
