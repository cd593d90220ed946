import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { startEmbeddedEngine } from './embedded';

export interface DatabaseHandle {
  readonly uri: string;
  readonly embedded: boolean;
  readonly connection: Connection;
  close(): Promise<void>;
}

/** Fails fast while the database is away so pages answer 503 instead of hanging. */
export const connectionOptions = {
  serverSelectionTimeoutMS: 5_000,
  heartbeatFrequencyMS: 2_000,
} as const;

/**
 * The one place that decides where the data lives: MONGODB_URI when set, otherwise the embedded
 * engine on DATA_DIR. The app then uses mongoose's default connection.
 */
export async function connectDatabase(
  config: Pick<Config, 'mongodbUri' | 'dataDir'>,
  logger?: Logger,
): Promise<DatabaseHandle> {
  const engine = config.mongodbUri ? undefined : await startEmbeddedEngine(config.dataDir);
  const uri = config.mongodbUri ?? engine?.uri;
  if (!uri) throw new Error('No database URI');
  // Every query made inside `connection.transaction()` joins its session, even one a helper forgot to pass.
  mongoose.set('transactionAsyncLocalStorage', true);
  await mongoose.connect(uri, connectionOptions);
  logger?.info({ embedded: Boolean(engine) }, 'database connected');
  return {
    uri,
    embedded: Boolean(engine),
    connection: mongoose.connection,
    async close() {
      // Index builds Mongoose starts for each model must finish first: closing under one makes the close reject.
      await Promise.allSettled(mongoose.modelNames().map((name) => mongoose.model(name).init()));
      await mongoose.disconnect();
      await engine?.stop();
      logger?.info('database closed');
    },
  };
}
