import { MongoClient, type ObjectId } from 'mongodb';
import { startEngine, type RunningEngine } from '../../../src/engine/index';

export interface EngineFixture {
  engine: RunningEngine;
  client: MongoClient;
}

/** Starts an in-memory engine and a connected driver client for one test file. */
export async function openFixture(options: { cursorTimeoutMs?: number } = {}): Promise<EngineFixture> {
  const engine = await startEngine({ port: 0, ...options });
  const client = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  return { engine, client };
}

export async function closeFixture(fixture: EngineFixture | undefined): Promise<void> {
  if (!fixture) return;
  await fixture.client.close();
  await fixture.engine.stop();
}

/** A schemaless document whose _id may be of any BSON type, as the tests insert. */
export interface LooseDoc {
  _id?: number | string | ObjectId;
  [field: string]: unknown;
}
