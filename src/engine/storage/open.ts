import type { Persistence, RecoveryReport } from '../persistence/types';
import type { OpenStorage, Storage, StorageOptions } from './api';
import { CatalogWriter, EMPTY_CATALOG, type Catalog } from './catalog';
import { Collection } from './collection';
import { EncodedDocuments } from './encoded-documents';
import { EngineStorage } from './storage';

const DEFAULT_TTL_SWEEP_MS = 60_000;

/**
 * Rebuilds the catalog from the snapshot (documents decoded and indexes built when first used), then
 * replays the journal, which decodes the collections it writes to.
 */
async function recoverCatalog(
  persistence: Persistence,
): Promise<{ catalog: Catalog; report: RecoveryReport }> {
  const state = await persistence.recover();
  const restored = new Map<string, Collection>();
  for (const image of state.collections) {
    const docs = image.encoded ? new EncodedDocuments(image.encoded) : [...image.docs];
    restored.set(image.ns, Collection.restore(image.ns, image.options, docs, image.indexes));
  }
  const writer = new CatalogWriter(restored);
  let seq = state.report.snapshotSeq;
  for (const entry of state.entries) {
    if (entry.seq <= seq) continue;
    for (const op of entry.ops) writer.apply(op);
    seq = entry.seq;
  }
  return { catalog: { seq, collections: writer.collections }, report: state.report };
}

export const openStorage: OpenStorage = async (options: StorageOptions): Promise<Storage> => {
  const ttlSweepMs = options.ttlSweepMs ?? DEFAULT_TTL_SWEEP_MS;
  if (!options.persistence) return new EngineStorage(EMPTY_CATALOG, undefined, ttlSweepMs);
  const { catalog, report } = await recoverCatalog(options.persistence);
  return new EngineStorage(catalog, options.persistence, ttlSweepMs, report, options.checkpointBytes);
};
