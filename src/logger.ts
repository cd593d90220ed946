import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'accord-registry' },
    redact: {
      paths: ['password', '*.password', 'sessionSecret', '*.sessionSecret', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}
