import { ConfigError } from './config';
import { startServer } from './startServer';

async function main(): Promise<void> {
  const server = await startServer({ env: process.env });
  process.stdout.write(`Accord Registry is serving ${server.url}\n`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down: draining requests');
    await server.stop();
    server.logger.info('stopped');
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
