import mongoose from 'mongoose';
import { startEngine } from '../../../src/engine';

type RunningEngine = Awaited<ReturnType<typeof startEngine>>;

/** Starts an in-memory engine and connects the default mongoose connection to a fresh database. */
export function useDatabase(): void {
  let engine: RunningEngine | undefined;
  beforeAll(async () => {
    engine = await startEngine();
    await mongoose.connect(engine.uri, { dbName: 'registry-test', serverSelectionTimeoutMS: 5_000 });
    await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
  });
  afterAll(async () => {
    await mongoose.disconnect();
    await engine?.stop();
  });
}

// Through the driver's collections: the models refuse deleting audit events, which only a test may do.
export async function clearCollections(): Promise<void> {
  await Promise.all(Object.values(mongoose.models).map((model) => model.collection.deleteMany({})));
}
