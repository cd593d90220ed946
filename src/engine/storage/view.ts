import type { Document } from 'bson';
import type { CollectionInfo, ReadView, ScanRequest, ScanResult } from './api';
import type { Collection } from './collection';
import { databaseOf } from './namespaces';
import { planScan } from './planner';

const EMPTY_PLAN = { stage: 'COLLSCAN', sortCovered: true, keysExamined: 0, docsExamined: 0 } as const;

export function describeCollection(collection: Collection): CollectionInfo {
  const name = collection.ns.slice(databaseOf(collection.ns).length + 1);
  return { name, options: collection.options, indexes: collection.specs() };
}

/**
 * Reads over one map of collections. Documents are returned as stored, not copied: they are shared and
 * immutable, so callers must copy before changing them.
 */
export class CatalogView implements ReadView {
  constructor(protected readonly source: () => ReadonlyMap<string, Collection>) {}

  listDatabases(): string[] {
    const names = new Set<string>();
    for (const ns of this.source().keys()) names.add(databaseOf(ns));
    return [...names].sort();
  }

  listCollections(db: string): CollectionInfo[] {
    const out: CollectionInfo[] = [];
    for (const [ns, collection] of this.source()) {
      if (databaseOf(ns) === db) out.push(describeCollection(collection));
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getCollection(ns: string): CollectionInfo | undefined {
    const collection = this.source().get(ns);
    return collection && describeCollection(collection);
  }

  /** The collection a lazy scan walks; a transaction overrides it so its own later writes cannot disturb it. */
  protected collectionForScan(ns: string): Collection | undefined {
    return this.source().get(ns);
  }

  scan(ns: string, request: ScanRequest): ScanResult {
    const collection = this.collectionForScan(ns);
    if (!collection) return { docs: [], plan: { ...EMPTY_PLAN } };
    return planScan(collection, request);
  }

  findById(ns: string, id: unknown): Document | undefined {
    return this.source().get(ns)?.docs.get(id);
  }

  count(ns: string): number {
    return this.source().get(ns)?.size ?? 0;
  }
}
