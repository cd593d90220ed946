import BTree from 'sorted-btree';
import type { Document } from 'bson';
import { compareBson } from '../bson-order';
import { duplicateKeyError } from './duplicate-key';
import { compareEntries, IndexKeyMaker, MIN, sameKeyValues, type IndexEntry } from './index-keys';
import type { IndexSpec } from './types';

export const ID_INDEX: IndexSpec = { name: '_id_', key: { _id: 1 } };

/** A secondary index: its spec, its ordered entries (each pointing at the document) and its multikey flag. */
export class SecondaryIndex {
  readonly maker: IndexKeyMaker;

  constructor(
    readonly spec: IndexSpec,
    readonly tree: BTree<IndexEntry, Document>,
    public multikey: boolean,
  ) {
    this.maker = new IndexKeyMaker(spec);
  }

  static empty(spec: IndexSpec): SecondaryIndex {
    const maker = new IndexKeyMaker(spec);
    return new SecondaryIndex(
      spec,
      new BTree<IndexEntry, Document>(undefined, compareEntries(maker.directions)),
      false,
    );
  }

  clone(): SecondaryIndex {
    return new SecondaryIndex(this.spec, this.tree.clone(), this.multikey);
  }
}

/**
 * One collection's documents (keyed by _id in MongoDB's order) and indexes. Instances reachable from a
 * committed catalog are never mutated; a transaction mutates only its own clones (O(1) copy-on-write).
 */
export class Collection {
  constructor(
    readonly ns: string,
    readonly options: Document,
    readonly docs: BTree<unknown, Document>,
    readonly indexes: Map<string, SecondaryIndex>,
  ) {}

  static empty(ns: string, options: Document): Collection {
    return new Collection(ns, options, new BTree<unknown, Document>(undefined, compareBson), new Map());
  }

  clone(): Collection {
    const indexes = new Map<string, SecondaryIndex>();
    for (const [name, index] of this.indexes) indexes.set(name, index.clone());
    return new Collection(this.ns, this.options, this.docs.clone(), indexes);
  }

  renamed(ns: string): Collection {
    return new Collection(ns, this.options, this.docs, this.indexes);
  }

  specs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  /** Inserts or replaces by _id; throws DuplicateKey (leaving everything unchanged) on a unique violation. */
  put(doc: Document, mustBeNew: boolean): void {
    const id = doc._id;
    const before = this.docs.get(id);
    if (before && mustBeNew) throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: id });
    const planned: { index: SecondaryIndex; old: IndexEntry[]; next: IndexEntry[]; multikey: boolean }[] = [];
    for (const index of this.indexes.values()) {
      const next = index.maker.entriesOf(doc);
      if (index.spec.unique) this.checkUnique(index, next.entries, id);
      const old = before ? index.maker.entriesOf(before).entries : [];
      planned.push({ index, old, next: next.entries, multikey: next.multikey });
    }
    this.docs.set(id, doc, true);
    for (const { index, old, next, multikey } of planned) {
      for (const entry of old) index.tree.delete(entry);
      for (const entry of next) index.tree.set(entry, doc, true);
      if (multikey) index.multikey = true;
    }
  }

  remove(id: unknown): Document | undefined {
    const before = this.docs.get(id);
    if (!before) return undefined;
    for (const index of this.indexes.values()) {
      for (const entry of index.maker.entriesOf(before).entries) index.tree.delete(entry);
    }
    this.docs.delete(id);
    return before;
  }

  /** Builds a new index over the existing documents; throws DuplicateKey without adding it. */
  addIndex(spec: IndexSpec): void {
    const index = SecondaryIndex.empty(spec);
    for (const doc of this.docs.values()) {
      const { entries, multikey } = index.maker.entriesOf(doc);
      if (spec.unique) this.checkUnique(index, entries, doc._id);
      for (const entry of entries) index.tree.set(entry, doc, true);
      if (multikey) index.multikey = true;
    }
    this.indexes.set(spec.name, index);
  }

  private checkUnique(index: SecondaryIndex, entries: IndexEntry[], id: unknown): void {
    for (const entry of entries) {
      for (const [found] of index.tree.entries({ k: entry.k, id: MIN })) {
        if (!sameKeyValues(found, entry)) break;
        if (compareBson(found.id, id) !== 0) {
          throw duplicateKeyError(this.ns, index.spec.name, index.spec.key, index.maker.keyValue(entry));
        }
      }
    }
  }
}
