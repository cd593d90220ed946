import { randomBytes } from 'node:crypto';

/**
 * What `npm run serve` gets in production on DATA_DIR (loopback, any free port), minus what a benchmark or
 * the build's start must not take from the caller (its log level, database, address and mail server), then
 * `overrides`.
 */
export function productionEnv(dataDir: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    PORT: '0',
  };
  for (const name of ['LOG_LEVEL', 'MONGODB_URI', 'BASE_URL', 'SMTP_URL']) delete env[name];
  return { ...env, ...overrides };
}
