import BTree from 'sorted-btree';
import type { Document } from 'bson';
import { compareBson } from '../bson-order';
import { buildIndex, documentTree, type BuiltIndex } from './bulk-build';
import { duplicateKeyError } from './duplicate-key';
import { EncodedDocuments } from './encoded-documents';
import type { EncodedBodies } from '../persistence/stored-bodies';
import { IndexKeyMaker, MIN, sameKeyValues, type IndexEntry } from './index-keys';
import type { IndexSpec } from './types';

export const ID_INDEX: IndexSpec = { name: '_id_', key: { _id: 1 } };

/**
 * A secondary index: its spec and, once built, its ordered entries (each pointing at the document) and
 * multikey flag. An index read back from disk is built on first use (a query planning with it, a write
 * needing its unique check), so indexes no query uses cost nothing at start-up. An unbuilt index is not
 * maintained by writes: it is built from its collection's documents as they are when first needed.
 */
export class SecondaryIndex {
  readonly maker: IndexKeyMaker;

  constructor(
    readonly spec: IndexSpec,
    private built: BuiltIndex | undefined,
  ) {
    this.maker = new IndexKeyMaker(spec);
  }

  get isBuilt(): boolean {
    return this.built !== undefined;
  }

  /** The entries, built from `docs` (the owning collection's documents) the first time they are needed. */
  entries(ns: string, docs: BTree<unknown, Document>): BuiltIndex {
    this.built ??= buildIndex(ns, this.maker, docs.values());
    return this.built;
  }

  clone(): SecondaryIndex {
    const built = this.built && { tree: this.built.tree.clone(), multikey: this.built.multikey };
    return new SecondaryIndex(this.spec, built);
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
    private contents: BTree<unknown, Document> | EncodedDocuments,
    readonly indexes: Map<string, SecondaryIndex>,
    /** A copy made for writing from a collection not decoded yet: takes its own tree when it decodes. */
    private readonly copiesOnDecode = false,
  ) {}

  /**
   * A collection read back from a snapshot: documents given decoded are loaded in bulk at once, documents
   * given as BSON bodies when the collection is first used; its indexes are built on first use.
   */
  static restore(
    ns: string,
    options: Document,
    docs: readonly Document[] | EncodedDocuments,
    specs: IndexSpec[],
  ): Collection {
    const indexes = new Map<string, SecondaryIndex>();
    for (const spec of specs)
      if (spec.name !== ID_INDEX.name) indexes.set(spec.name, new SecondaryIndex(spec, undefined));
    const contents = docs instanceof EncodedDocuments ? docs : documentTree(docs);
    return new Collection(ns, options, contents, indexes);
  }

  /** The documents by _id, decoded from the snapshot's bytes the first time any command needs them. */
  get docs(): BTree<unknown, Document> {
    if (!(this.contents instanceof EncodedDocuments)) return this.contents;
    const decoded = this.contents.documents(this.ns);
    if (!this.copiesOnDecode) return decoded;
    this.contents = decoded.clone();
    return this.contents;
  }

  /**
   * How many documents it holds, without decoding it: a snapshot holds one record per document, since it
   * is written from the _id tree.
   */
  get size(): number {
    return this.untouchedBodies?.length ?? this.docs.size;
  }

  /** The BSON bodies of documents nothing has decoded since they were read back, for a snapshot to copy. */
  get untouchedBodies(): EncodedBodies | undefined {
    return this.contents instanceof EncodedDocuments ? this.contents.encoded : undefined;
  }

  /** An index's entries, built now if they were not yet. */
  entriesOf(index: SecondaryIndex): BuiltIndex {
    return index.entries(this.ns, this.docs);
  }

  static empty(ns: string, options: Document): Collection {
    return new Collection(ns, options, new BTree<unknown, Document>(undefined, compareBson), new Map());
  }

  /** An O(1) copy to write to; one not decoded yet stays so until a write or read needs its documents. */
  clone(): Collection {
    const indexes = new Map<string, SecondaryIndex>();
    for (const [name, index] of this.indexes) indexes.set(name, index.clone());
    if (this.contents instanceof EncodedDocuments)
      return new Collection(this.ns, this.options, this.contents, indexes, true);
    return new Collection(this.ns, this.options, this.contents.clone(), indexes);
  }

  renamed(ns: string): Collection {
    return new Collection(ns, this.options, this.contents, this.indexes, this.copiesOnDecode);
  }

  specs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  /** Inserts or replaces by _id; throws DuplicateKey (leaving everything unchanged) on a unique violation. */
  put(doc: Document, mustBeNew: boolean): void {
    const id = doc._id;
    const before = this.docs.get(id);
    if (before && mustBeNew) throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: id });
    const planned: { built: BuiltIndex; old: IndexEntry[]; next: IndexEntry[]; multikey: boolean }[] = [];
    for (const index of this.indexes.values()) {
      if (!index.isBuilt && !index.spec.unique) continue;
      const built = this.entriesOf(index);
      const next = index.maker.entriesOf(doc);
      if (index.spec.unique) this.checkUnique(index, built, next.entries, id);
      const old = before ? index.maker.entriesOf(before).entries : [];
      planned.push({ built, old, next: next.entries, multikey: next.multikey });
    }
    this.docs.set(id, doc, true);
    for (const { built, old, next, multikey } of planned) {
      for (const entry of old) built.tree.delete(entry);
      for (const entry of next) built.tree.set(entry, doc, true);
      if (multikey) built.multikey = true;
    }
  }

  remove(id: unknown): Document | undefined {
    const before = this.docs.get(id);
    if (!before) return undefined;
    for (const index of this.indexes.values()) {
      if (!index.isBuilt) continue;
      const { tree } = this.entriesOf(index);
      for (const entry of index.maker.entriesOf(before).entries) tree.delete(entry);
    }
    this.docs.delete(id);
    return before;
  }

  /**
   * An index replayed from the journal (or a transaction's index rebased onto a newer state of unchanged
   * documents): it was checked when it was created, so it is built on first use like a snapshot's.
   */
  addCheckedIndex(spec: IndexSpec): void {
    this.indexes.set(spec.name, new SecondaryIndex(spec, undefined));
  }

  /** Builds a new index over the existing documents; throws DuplicateKey without adding it. */
  addIndex(spec: IndexSpec): void {
    const built = buildIndex(this.ns, new IndexKeyMaker(spec), this.docs.values());
    this.indexes.set(spec.name, new SecondaryIndex(spec, built));
  }

  private checkUnique(index: SecondaryIndex, built: BuiltIndex, entries: IndexEntry[], id: unknown): void {
    for (const entry of entries) {
      for (const [found] of built.tree.entries({ k: entry.k, id: MIN })) {
        if (!sameKeyValues(found, entry)) break;
        if (compareBson(found.id, id) !== 0) {
          throw duplicateKeyError(this.ns, index.spec.name, index.spec.key, index.maker.keyValue(entry));
        }
      }
    }
  }
}
