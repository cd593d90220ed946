import { ConfigError, loadConfig } from './config';
import { connectDatabase } from './db';
import { createLogger } from './logger';
import { createServices } from './services';

/** Runs jobs only (`npm run worker`); start as many as you like beside app servers started with RUN_JOBS=false. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const database = await connectDatabase(config, logger);
  const services = createServices({ config, logger, connection: database.connection });
  await services.jobs.start();
  await services.evidenceJobs.ensureSweep();
  logger.info({ mail: services.mailer.description }, 'worker running jobs');
  process.stdout.write('Accord Registry worker is running jobs\n');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await services.jobs.stop(config.shutdownTimeoutMs);
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`Accord Registry worker could not start: ${message}\n`);
  process.exit(1);
});
