import { z } from 'zod';

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  MONGODB_URI: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//)
      .optional(),
  ),
  DATA_DIR: z.string().min(1).default('./data/db'),
  SESSION_SECRET: optionalString,
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(8),
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  RATE_LIMIT_WRITES_PER_WINDOW: z.coerce.number().int().positive().default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  MAIL_FROM: z.string().default('Accord Registry <no-reply@localhost>'),
  SMTP_URL: optionalString,
  DIRECTORY_VERSION_CHECK_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).optional()),
  SEED_DEMO_DATA: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).optional()),
  RUN_JOBS: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).optional()),
  JOBS_POLL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(10).optional()),
  JOBS_RETRY_DELAY_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).optional()),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  JOBS_LOCK_LIFETIME_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).optional()),
  OPEN_DATA_LICENCE: z.preprocess(emptyAsUndefined, z.string().max(200).default('CC BY 4.0')),
  OPEN_DATA_LICENCE_URL: z.preprocess(
    emptyAsUndefined,
    z.url().default('https://creativecommons.org/licenses/by/4.0/'),
  ),
  API_RATE_LIMIT_PER_WINDOW: z.coerce.number().int().positive().default(300),
  SECURITY_TXT_CONTACT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^(mailto:|https:\/\/|tel:)\S+(\s*,\s*(mailto:|https:\/\/|tel:)\S+)*$/,
        'comma-separated mailto:, https:// or tel: addresses',
      )
      .default('mailto:security@localhost'),
  ),
  SECURITY_TXT_EXPIRES: z.preprocess(emptyAsUndefined, z.iso.datetime({ offset: true }).optional()),
  PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(1024).max(4_194_304).default(65_536),
  PASSWORD_HASH_ITERATIONS: z.coerce.number().int().min(1).max(20).default(3),
  PASSWORD_HASH_PARALLELISM: z.coerce.number().int().min(1).max(16).default(4),
  IMPORT_MAX_UPLOAD_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(15 * 1024 * 1024).default(5 * 1024 * 1024)),
});

export type Environment = z.input<typeof environmentSchema>;

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  readonly baseUrl: string | undefined;
  readonly mongodbUri: string | undefined;
  readonly dataDir: string;
  readonly sessionSecret: string;
  readonly sessionMaxAgeMs: number;
  readonly trustProxy: number;
  readonly rateLimit: { readonly windowMs: number; readonly writesPerWindow: number };
  readonly logLevel: string;
  readonly shutdownTimeoutMs: number;
  readonly mail: { readonly from: string; readonly smtpUrl: string | undefined };
  /** Load the real signatories and demo pledges into an empty registry at start (not in production by default). */
  readonly seedDemoData: boolean;
  /** How long an app server trusts its in-memory directory before asking whether the registry changed. */
  readonly directoryVersionCheckMs: number;
  readonly jobs: {
    /** The web process also runs jobs (default), so `npm start` needs nothing else; `npm run worker` runs them alone. */
    readonly runInWebProcess: boolean;
    readonly pollIntervalMs: number;
    readonly retryDelayMs: number;
    readonly concurrency: number;
    /** Overrides every task's lock lifetime (how long before a dead worker's job runs again); unset: each task's own. */
    readonly lockLifetimeMs: number | undefined;
  };
  /** The licence the open data (downloads, API, feed) is published under, and the read API's limit per IP. */
  readonly openData: {
    readonly licence: { readonly name: string; readonly url: string };
    readonly apiRequestsPerWindow: number;
  };
  /** What `/.well-known/security.txt` says (RFC 9116): where to report, and until when the file holds. */
  readonly securityTxt: { readonly contact: readonly string[]; readonly expires: Date };
  /** The CSV import in the secretariat area: the largest file accepted (it is kept in one database document). */
  readonly imports: { readonly maxUploadBytes: number };
  /** argon2id cost for new password hashes; a stored hash keeps the cost it was made with. */
  readonly passwordHashing: { readonly memoryKiB: number; readonly iterations: number; readonly parallelism: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Without SECURITY_TXT_EXPIRES the file holds for this long from start (RFC 9116 asks for under a year). */
const DEFAULT_SECURITY_TXT_DAYS = 180;
const SECURITY_TXT_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const inDays = (days: number, from = new Date()): Date => new Date(from.getTime() + days * DAY_MS);

const developmentSecret = 'development-only-secret-do-not-use-in-production';

/** Parses the environment into a frozen config; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv | Environment = process.env): Config {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)) {
    throw new ConfigError(
      'SESSION_SECRET must be set to a random string of at least 32 characters in production ' +
        '(for example: openssl rand -hex 32).',
    );
  }
  if (isProduction && (env.PASSWORD_HASH_MEMORY_KIB < 19_456 || env.PASSWORD_HASH_ITERATIONS < 2)) {
    throw new ConfigError(
      'PASSWORD_HASH_MEMORY_KIB and PASSWORD_HASH_ITERATIONS are below the minimum argon2id cost for production ' +
        '(19456 KiB and 2 passes); leave them unset for the recommended 65536 KiB, 3 passes, 4 lanes.',
    );
  }
  return Object.freeze({
    env: env.NODE_ENV,
    isProduction,
    host: env.HOST,
    port: env.PORT,
    baseUrl: env.BASE_URL,
    mongodbUri: env.MONGODB_URI,
    dataDir: env.DATA_DIR,
    sessionSecret: env.SESSION_SECRET ?? developmentSecret,
    sessionMaxAgeMs: env.SESSION_MAX_AGE_HOURS * 3_600_000,
    trustProxy: env.TRUST_PROXY,
    rateLimit: Object.freeze({
      windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000,
      writesPerWindow: env.RATE_LIMIT_WRITES_PER_WINDOW,
    }),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    mail: Object.freeze({ from: env.MAIL_FROM, smtpUrl: env.SMTP_URL }),
    seedDemoData: env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === 'true' : !isProduction,
    directoryVersionCheckMs: env.DIRECTORY_VERSION_CHECK_MS ?? (env.NODE_ENV === 'test' ? 0 : 1000),
    jobs: Object.freeze({
      runInWebProcess: env.RUN_JOBS ? env.RUN_JOBS === 'true' : true,
      pollIntervalMs: env.JOBS_POLL_MS ?? (env.NODE_ENV === 'test' ? 100 : 2000),
      retryDelayMs: env.JOBS_RETRY_DELAY_MS ?? (env.NODE_ENV === 'test' ? 100 : 5000),
      concurrency: env.JOBS_CONCURRENCY,
      lockLifetimeMs: env.JOBS_LOCK_LIFETIME_MS,
    }),
    openData: Object.freeze({
      licence: Object.freeze({ name: env.OPEN_DATA_LICENCE, url: env.OPEN_DATA_LICENCE_URL }),
      apiRequestsPerWindow: env.API_RATE_LIMIT_PER_WINDOW,
    }),
    securityTxt: Object.freeze({
      contact: Object.freeze(env.SECURITY_TXT_CONTACT.split(',').map((address) => address.trim())),
      expires: env.SECURITY_TXT_EXPIRES
        ? new Date(env.SECURITY_TXT_EXPIRES)
        : inDays(DEFAULT_SECURITY_TXT_DAYS),
    }),
    imports: Object.freeze({ maxUploadBytes: env.IMPORT_MAX_UPLOAD_BYTES }),
    passwordHashing: Object.freeze({
      memoryKiB: env.PASSWORD_HASH_MEMORY_KIB,
      iterations: env.PASSWORD_HASH_ITERATIONS,
      parallelism: env.PASSWORD_HASH_PARALLELISM,
    }),
  });
}

/** Warnings worth shouting about at start-up; the server logs them. */
export function configWarnings(config: Config, now: Date = new Date()): string[] {
  const warnings: string[] = [];
  if (config.securityTxt.expires.getTime() < inDays(SECURITY_TXT_WARNING_DAYS, now).getTime()) {
    const expires = config.securityTxt.expires.toISOString();
    const state =
      config.securityTxt.expires.getTime() <= now.getTime() ? 'has expired' : 'expires within 30 days';
    warnings.push(
      `security.txt ${state} (${expires}): set SECURITY_TXT_EXPIRES to a date less than a year ahead.`,
    );
  }
  if (config.isProduction && !config.mongodbUri) {
    warnings.push(
      'PRODUCTION IS RUNNING ON THE EMBEDDED DEVELOPMENT DATABASE ENGINE. It has no replication, ' +
        'sharding, authentication or change streams. Set MONGODB_URI to a MongoDB replica set.',
    );
  }
  return warnings;
}
