import type { Document } from 'bson';
import type { JournalOp } from '../persistence/types';
import { Collection } from './collection';
import { databaseOf } from './namespaces';

/** One committed state of every collection; never mutated once published. */
export interface Catalog {
  readonly seq: number;
  readonly collections: ReadonlyMap<string, Collection>;
}

export const EMPTY_CATALOG: Catalog = { seq: 0, collections: new Map() };

/**
 * Applies changes on top of a committed catalog without touching it: the map is copied on the first
 * change, each collection cloned (O(1)) the first time it is written.
 */
export class CatalogWriter {
  private map: Map<string, Collection> | undefined;
  private readonly owned = new Set<Collection>();
  private readonly frozen = new Map<string, Collection>();

  constructor(private readonly base: ReadonlyMap<string, Collection>) {}

  get collections(): ReadonlyMap<string, Collection> {
    return this.map ?? this.base;
  }

  get changed(): boolean {
    return this.map !== undefined;
  }

  get(ns: string): Collection | undefined {
    return this.collections.get(ns);
  }

  private mutableMap(): Map<string, Collection> {
    this.map ??= new Map(this.base);
    return this.map;
  }

  /**
   * A version of the collection that later writes through this writer do not change, so a lazy scan can
   * run while its results are being written (an O(1) clone, made only when this writer owns the collection).
   */
  stable(ns: string): Collection | undefined {
    const current = this.collections.get(ns);
    if (!current || !this.owned.has(current)) return current;
    let frozen = this.frozen.get(ns);
    if (!frozen) {
      frozen = current.clone();
      this.frozen.set(ns, frozen);
    }
    return frozen;
  }

  /** The collection, cloned for writing if this writer does not own it yet; created when missing. */
  writable(ns: string, options: Document = {}): Collection {
    this.frozen.delete(ns);
    const current = this.collections.get(ns);
    if (current && this.owned.has(current)) return current;
    const next = current ? current.clone() : Collection.empty(ns, options);
    this.mutableMap().set(ns, next);
    this.owned.add(next);
    return next;
  }

  drop(ns: string): boolean {
    this.frozen.delete(ns);
    if (!this.collections.has(ns)) return false;
    this.mutableMap().delete(ns);
    return true;
  }

  rename(from: string, to: string): void {
    const source = this.collections.get(from);
    if (!source) return;
    this.frozen.delete(from);
    this.frozen.delete(to);
    const moved = source.renamed(to);
    const map = this.mutableMap();
    map.delete(from);
    map.set(to, moved);
    if (this.owned.has(source)) this.owned.add(moved);
  }

  namespacesOf(db: string): string[] {
    return [...this.collections.keys()].filter((ns) => databaseOf(ns) === db);
  }

  /** Replays a journalled change; used for recovery and for rebasing a transaction on a newer catalog. */
  apply(op: JournalOp): void {
    switch (op.op) {
      case 'put':
        this.writable(op.ns).put(op.doc, false);
        return;
      case 'delete':
        if (this.collections.has(op.ns)) this.writable(op.ns).remove(op.id);
        return;
      case 'createCollection':
        if (!this.collections.has(op.ns)) this.writable(op.ns, op.options);
        return;
      case 'dropCollection':
        this.drop(op.ns);
        return;
      case 'renameCollection':
        this.drop(op.to);
        this.rename(op.from, op.to);
        return;
      case 'dropDatabase':
        for (const ns of this.namespacesOf(op.db)) this.drop(ns);
        return;
      case 'createIndex': {
        const collection = this.writable(op.ns);
        if (!collection.indexes.has(op.spec.name)) collection.addCheckedIndex(op.spec);
        return;
      }
      case 'dropIndex':
        if (this.collections.has(op.ns)) this.writable(op.ns).indexes.delete(op.name);
        return;
    }
  }
}
