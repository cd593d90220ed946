import pino from 'pino';
import { loadConfig } from '../config';
import { connectDatabase } from '../db';
import { createLogger } from '../logger';
import { createServices, systemWriter } from '../services';

/**
 * What a command-line tool needs: the same services as the site, on the same database (the running site's
 * embedded engine when there is one), writing as `system:<task>`. Logs go to stderr, results to stdout.
 */
export async function openCommandLineContext(task: string) {
  const config = loadConfig(process.env);
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const database = await connectDatabase(config);
  const services = createServices({ config, logger, connection: database.connection });
  return {
    config,
    services,
    writer: systemWriter(services, task),
    close: () => database.close(),
  };
}
