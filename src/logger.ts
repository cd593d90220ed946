import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';
import { lazyModule } from './lazyModule';

export type { Logger };

const prettyModule = lazyModule<typeof import('pino-pretty')>('pino-pretty');

/**
 * Where log lines go by default. Production writes JSON asynchronously (pino's advice for throughput: lines
 * written while a write is in flight go out together; flushed when the process exits), yet without a
 * minimum length, so a quiet server's lines still appear at once. A developer at a terminal reads
 * pino-pretty's lines.
 */
function defaultDestination(env: Config['env']): DestinationStream {
  if (env === 'development' && process.stdout.isTTY) return prettyModule()({ colorize: true, sync: true });
  if (env === 'production') return pino.destination({ dest: 1, sync: false });
  return pino.destination({ dest: 1, sync: true });
}

const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Every line, whatever logged it (an error message quoting a recipient, a duplicate-key error), loses e-mail addresses. */
export const withoutEmailAddresses = (line: string): string =>
  line.includes('@') ? line.replace(EMAIL_ADDRESS, '[email]') : line;

/** Structured JSON logs; `destination` defaults to stdout (tests pass a stream to read what was logged). */
export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'env'>>,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'accord-registry' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'sessionSecret',
          '*.sessionSecret',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
      hooks: { streamWrite: withoutEmailAddresses },
    },
    destination ?? defaultDestination(config.env ?? 'development'),
  );
}
