import type { Router } from 'express';
import { createApp } from './app';
import { configWarnings, loadConfig } from './config';
import { connectDatabase } from './db';
import { listen } from './httpServer';
import { createLogger, type Logger } from './logger';
import { createServices, type Services } from './services';
import { afterFirstAnswer } from './startup/afterFirstAnswer';
import { ensureFirstAdmin } from './startup/firstAdmin';
import { limitHeapGrowth } from './startup/heapGrowth';
import { idleGate, StoppingError, type IdleGate } from './startup/idleGate';
import { prepareData } from './startup/prepareData';

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** Routers after the features (createApp's extraRouters); the directory benchmark serves a fixed page so. */
  extraRouters?: Router[];
}

/** Resident and heap memory when the database is open (the embedded engine's data loaded) and when listening. */
export interface StartMemory {
  beforeDatabase: NodeJS.MemoryUsage;
  databaseOpen: NodeJS.MemoryUsage;
  listening: NodeJS.MemoryUsage;
}

export interface StartedServer {
  port: number;
  url: string;
  logger: Logger;
  memory: StartMemory;
  /** Drains requests, stops jobs and closes the database. */
  stop(): Promise<void>;
}

const mebibytes = (bytes: number): number => Math.round(bytes / 1_048_576);
const cpuMilliseconds = (): number => {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
};
/** How long background work waits for a first request before starting anyway. */
const BACKGROUND_GRACE_MS = 2_000;

/** Config → database → data → services → app → listen: what `npm run serve` and `npm start` run. */
export async function startServer(options: StartOptions): Promise<StartedServer> {
  limitHeapGrowth();
  const config = loadConfig(options.env);
  const logger = createLogger(config);
  for (const warning of configWarnings(config)) logger.warn(`!!! ${warning} !!!`);

  const beforeDatabase = process.memoryUsage();
  const database = await connectDatabase(config, logger);
  const databaseOpen = process.memoryUsage();
  const services = createServices({ config, logger, connection: database.connection });
  await prepareData(services);
  await ensureFirstAdmin(services);
  const app = createApp({ config, logger, services, extraRouters: options.extraRouters });
  await warmDirectory(services, logger);
  const running = await listen(app, config.port, config.host);
  const listening = process.memoryUsage();
  logger.info(
    {
      port: running.port,
      embeddedDatabase: database.embedded,
      mail: services.mailer.description,
      cpuMs: cpuMilliseconds(),
      rssMiB: { beforeDatabase: mebibytes(beforeDatabase.rss), databaseOpen: mebibytes(databaseOpen.rss) },
    },
    'listening',
  );
  // The job queue and the statistics wait for the first answer, so the first visitor does not wait for them.
  let stopping = false;
  const firstAnswer = afterFirstAnswer(running.server, BACKGROUND_GRACE_MS);
  const gate = idleGate(running.server);
  const background = firstAnswer.ready.then(() =>
    stopping ? undefined : startBackground(services, logger, gate),
  );
  return {
    port: running.port,
    url: config.baseUrl ?? `http://localhost:${running.port}`,
    logger,
    memory: { beforeDatabase, databaseOpen, listening },
    async stop() {
      stopping = true;
      firstAnswer.cancel();
      await running.close(config.shutdownTimeoutMs);
      // After the last request, so none shares a load the statistics give up.
      gate.stop();
      await background;
      await services.jobs.stop(config.shutdownTimeoutMs);
      await saveDirectory(services, logger);
      await database.close();
    },
  };
}

/**
 * The job queue (when this process runs jobs), then the statistics; a failure is logged, pages keep answering.
 * Resolves when both are done or given up because the server is stopping.
 */
async function startBackground(services: Services, logger: Logger, gate: IdleGate): Promise<void> {
  try {
    if (services.config.jobs.runInWebProcess) {
      await services.jobs.start();
      await services.evidenceJobs.ensureSweep();
    }
  } catch (error) {
    logger.error({ err: error }, 'job queue not started; jobs wait for a worker (npm run worker)');
  }
  await warmStatistics(services, logger, gate);
}

/** The directory's entries for the next start: read back only if the registry has not changed meanwhile. */
async function saveDirectory(services: Services, logger: Logger): Promise<void> {
  try {
    await services.directory.readModel.save();
  } catch (error) {
    logger.warn({ err: error }, 'directory entries not saved; the next start reads the organisations');
  }
}

/** Fails soft: with the database unreachable, the first request builds the directory as it would anyway. */
async function warmDirectory(services: Services, logger: Logger): Promise<void> {
  const started = process.hrtime.bigint();
  try {
    await services.directory.readModel.warm();
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    logger.info({ ms }, 'directory read model built');
  } catch (error) {
    logger.warn({ err: error }, 'directory read model not built at start; the first request will build it');
  }
}

/**
 * The statistics (a second pass over the registry and the map's projection) are prepared once the server
 * answers, so no page waits for them at start; /statistics waits only if asked for in that moment. The
 * work steps aside while requests are answered, so a download right after start is as fast as later ones.
 */
async function warmStatistics(services: Services, logger: Logger, gate: IdleGate): Promise<void> {
  const started = process.hrtime.bigint();
  try {
    await services.statistics.warm(gate.whenIdle);
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    logger.info({ ms, rssMiB: mebibytes(process.memoryUsage().rss) }, 'statistics prepared');
  } catch (error) {
    if (error instanceof StoppingError) return;
    logger.warn({ err: error }, 'statistics not prepared at start; the first visitor of the page will wait');
  }
}
