import { createApp } from './app';
import { ConfigError, configWarnings, loadConfig } from './config';
import { connectDatabase } from './db';
import { listen } from './httpServer';
import { createLogger } from './logger';
import { prepareData } from './startup/prepareData';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  for (const warning of configWarnings(config)) logger.warn(`!!! ${warning} !!!`);

  const database = await connectDatabase(config, logger);
  await prepareData(config, logger);
  const app = createApp({ config, logger });
  const running = await listen(app, config.port, config.host);
  const url = config.baseUrl ?? `http://localhost:${running.port}`;
  logger.info({ port: running.port, embeddedDatabase: database.embedded }, 'listening');
  process.stdout.write(`Accord Registry is serving ${url}\n`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    await running.close(config.shutdownTimeoutMs);
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`Accord Registry could not start: ${message}\n`);
  process.exit(1);
});
