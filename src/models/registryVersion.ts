import { Schema, model, type ClientSession } from 'mongoose';
import { Organisation } from './organisation';

const REGISTRY_VERSION_ID = 'registry';

/** One small document every writer of organisations, pledges or evidence bumps after its change. */
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
}

/**
 * Tells every app server that the public registry changed. Called by the audited write helper inside the
 * change's transaction, so the version moves exactly when a change commits.
 */
export async function bumpRegistryVersion(session?: ClientSession): Promise<void> {
  await RegistryVersion.updateOne(
    { _id: { $eq: REGISTRY_VERSION_ID } },
    { $inc: { version: 1 } },
    { upsert: true, session },
  );
}

/**
 * One lookup by _id plus the collection's document count: the count also notices organisations added
 * by a writer that does not bump the counter yet (an import run from another process).
 */
export async function readRegistryVersion(): Promise<RegistryVersionToken> {
  const [counter, organisations] = await Promise.all([
    RegistryVersion.findOne({ _id: { $eq: REGISTRY_VERSION_ID } }, { version: 1 }).lean(),
    Organisation.estimatedDocumentCount(),
  ]);
  const version = typeof counter?.version === 'number' ? counter.version : 0;
  return { token: `${version}.${organisations}` };
}
