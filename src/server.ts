import { createApp } from './app';
import { ConfigError, configWarnings, loadConfig } from './config';
import { connectDatabase } from './db';
import { listen } from './httpServer';
import { createLogger, type Logger } from './logger';
import { createServices, warmServices, type Services } from './services';
import { prepareData } from './startup/prepareData';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  for (const warning of configWarnings(config)) logger.warn(`!!! ${warning} !!!`);

  const database = await connectDatabase(config, logger);
  const services = createServices({ config, logger, connection: database.connection });
  await prepareData(services);
  const app = createApp({ config, logger, services });
  await warmDirectory(services, logger);
  if (config.jobs.runInWebProcess) await services.jobs.start();
  const running = await listen(app, config.port, config.host);
  const url = config.baseUrl ?? `http://localhost:${running.port}`;
  logger.info({ port: running.port, embeddedDatabase: database.embedded, mail: services.mailer.description }, 'listening');
  process.stdout.write(`Accord Registry is serving ${url}\n`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    await running.close(config.shutdownTimeoutMs);
    await services.jobs.stop(config.shutdownTimeoutMs);
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

/** Fails soft: with the database unreachable, the first request builds the directory as it would anyway. */
async function warmDirectory(services: Services, logger: Logger): Promise<void> {
  const started = process.hrtime.bigint();
  try {
    await warmServices(services);
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    logger.info({ ms }, 'directory read model built');
  } catch (error) {
    logger.warn({ err: error }, 'directory read model not built at start; the first request will build it');
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`Accord Registry could not start: ${message}\n`);
  process.exit(1);
});
