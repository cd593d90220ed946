import { randomInt } from 'node:crypto';
import { Schema, model, type ClientSession } from 'mongoose';
import { Organisation } from './organisation';

/**
 * The version is split over this many counters, taken in turn by each process's bumps (from a random
 * start): concurrent changes then write different counters, so they do not conflict and retry on it (one
 * counter made every concurrent public change but the first fail and start again).
 */
export const REGISTRY_VERSION_SHARDS = 32;
let nextShard = randomInt(REGISTRY_VERSION_SHARDS);

function takeShard(): number {
  const shard = nextShard;
  nextShard = (nextShard + 1) % REGISTRY_VERSION_SHARDS;
  return shard;
}

/** One of the small counters every writer of organisations, pledges or evidence bumps with its change. */
const registryVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, collection: 'registry_versions' },
);

export const RegistryVersion = model('RegistryVersion', registryVersionSchema);

export interface RegistryVersionToken {
  /** Changes whenever the registry's public data may have changed. */
  token: string;
  /** How many organisations there were (part of the token): a copy patched with changes must hold as many. */
  organisations?: number;
}

/**
 * Tells every app server that the public registry changed. Called by the audited write helper inside the
 * change's transaction, so the version moves exactly when a change commits.
 */
export async function bumpRegistryVersion(session?: ClientSession): Promise<void> {
  await RegistryVersion.updateOne(
    { _id: { $eq: `registry.${takeShard()}` } },
    { $inc: { version: 1 } },
    { upsert: true, session },
  );
}

/** The sum of the counters (a data directory from before the split keeps its one `registry` counter in it). */
export async function registryVersionNumber(): Promise<number> {
  const counters = await RegistryVersion.find({}, { version: 1 }).lean();
  return counters.reduce((sum, counter) => sum + (typeof counter.version === 'number' ? counter.version : 0), 0);
}

/**
 * The counters' sum plus the collection's document count: the count also notices organisations added
 * by a writer that does not bump the counter yet (an import run from another process).
 */
export async function readRegistryVersion(): Promise<RegistryVersionToken> {
  const [version, organisations] = await Promise.all([registryVersionNumber(), Organisation.estimatedDocumentCount()]);
  return { token: `${version}.${organisations}`, organisations };
}
