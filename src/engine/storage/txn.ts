import { ObjectId, type Document } from 'bson';
import { bsonKey } from '../bson-key';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';
import type { JournalOp } from '../persistence/types';
import type { WriteTxn } from './api';
import { CatalogWriter, type Catalog } from './catalog';
import type { Collection } from './collection';
import * as catalogOps from './catalog-ops';
import type { IndexSpec } from './types';
import { splitNamespace } from './namespaces';
import { CatalogView } from './view';

/** What a transaction needs from the storage that opened it. */
export interface TxnHost {
  /** Latest commit seq that wrote this document key, or that changed this namespace's data or catalog. */
  docWrittenAt(key: string): number;
  dataChangedAt(ns: string): number;
  catalogChangedAt(ns: string): number;
  lockHolder(key: string): Txn | undefined;
  lock(key: string, txn: Txn): void;
  commit(txn: Txn): Promise<void>;
  release(txn: Txn): void;
}

export function writeConflict(): CommandError {
  return new CommandError(
    'WriteConflict',
    'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
    { errorLabels: ['TransientTransactionError'] },
  );
}

export function documentKey(ns: string, id: unknown): string {
  return `${ns}\u0000${bsonKey(id)}`;
}

function checkId(id: unknown): void {
  if (typeof id === 'object' && id !== null && Object.getPrototypeOf(id) === Object.prototype) {
    const dollar = Object.keys(id).find((key) => key.startsWith('$'));
    if (dollar !== undefined) {
      throw new CommandError(
        'DollarPrefixedFieldName',
        `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`,
      );
    }
  }
  if (Array.isArray(id)) throw new CommandError('InvalidIdField', "The '_id' value cannot be of type array");
  if (id instanceof RegExp)
    throw new CommandError('InvalidIdField', "The '_id' value cannot be of type regex");
}

/** Snapshot-isolated unit of work: reads its snapshot plus its own writes, first writer wins on conflict. */
export class Txn extends CatalogView implements WriteTxn, catalogOps.CatalogChange {
  readonly writer: CatalogWriter;
  readonly ops: JournalOp[] = [];
  readonly keys = new Set<string>();
  readonly touched = new Set<string>();
  readonly restructured = new Set<string>();
  private state: 'active' | 'done' = 'active';

  constructor(
    private readonly host: TxnHost,
    readonly snapshot: Catalog,
  ) {
    const writer = new CatalogWriter(snapshot.collections);
    super(() => writer.collections);
    this.writer = writer;
  }

  protected override collectionForScan(ns: string): Collection | undefined {
    return this.writer.stable(ns);
  }

  get active(): boolean {
    return this.state === 'active';
  }

  get snapshotSeq(): number {
    return this.snapshot.seq;
  }

  finish(): void {
    this.state = 'done';
  }

  private ensureActive(): void {
    if (this.state !== 'active')
      throw new CommandError('NoSuchTransaction', 'Transaction is no longer active');
  }

  record(op: JournalOp): void {
    this.ops.push(op);
  }

  claimNamespace(ns: string): void {
    const seq = this.snapshot.seq;
    if (this.host.catalogChangedAt(ns) > seq || this.host.dataChangedAt(ns) > seq) throw writeConflict();
    this.restructured.add(ns);
  }

  private claimDocument(ns: string, id: unknown): string {
    const key = documentKey(ns, id);
    const seq = this.snapshot.seq;
    if (this.host.catalogChangedAt(ns) > seq || this.host.docWrittenAt(key) > seq) throw writeConflict();
    const holder = this.host.lockHolder(key);
    if (holder && holder !== this) throw writeConflict();
    return key;
  }

  private wrote(ns: string, key: string, op: JournalOp): void {
    this.host.lock(key, this);
    this.keys.add(key);
    this.touched.add(ns);
    this.ops.push(op);
  }

  insert(ns: string, doc: Document): void {
    this.ensureActive();
    splitNamespace(ns);
    const stored = doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc;
    checkId(stored._id);
    const key = this.claimDocument(ns, stored._id);
    const existed = this.writer.get(ns) !== undefined;
    if (!existed) this.claimNamespace(ns);
    this.writer.writable(ns).put(stored, true);
    if (!existed) this.record({ op: 'createCollection', ns, options: {} });
    this.wrote(ns, key, { op: 'put', ns, doc: stored });
  }

  replace(ns: string, before: Document, after: Document): void {
    this.ensureActive();
    const id: unknown = before._id;
    if (after._id !== undefined && compareBson(after._id, id) !== 0) {
      throw new CommandError(
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    const stored = after._id === undefined ? { _id: id, ...after } : after;
    const collection = this.writer.get(ns);
    if (!collection?.docs.has(id)) throw writeConflict();
    const key = this.claimDocument(ns, id);
    this.writer.writable(ns).put(stored, false);
    this.wrote(ns, key, { op: 'put', ns, doc: stored });
  }

  remove(ns: string, doc: Document): void {
    this.ensureActive();
    const id: unknown = doc._id;
    if (!this.writer.get(ns)?.docs.has(id)) throw writeConflict();
    const key = this.claimDocument(ns, id);
    this.writer.writable(ns).remove(id);
    this.wrote(ns, key, { op: 'delete', ns, id });
  }

  createCollection(ns: string, options: Document): void {
    this.ensureActive();
    catalogOps.createCollection(this, ns, options);
  }

  dropCollection(ns: string): boolean {
    this.ensureActive();
    return catalogOps.dropCollection(this, ns);
  }

  dropDatabase(db: string): void {
    this.ensureActive();
    catalogOps.dropDatabase(this, db);
  }

  renameCollection(from: string, to: string, dropTarget: boolean): void {
    this.ensureActive();
    catalogOps.renameCollection(this, from, to, dropTarget);
  }

  createIndexes(
    ns: string,
    specs: IndexSpec[],
  ): { numIndexesBefore: number; numIndexesAfter: number; createdCollectionAutomatically: boolean } {
    this.ensureActive();
    return catalogOps.createIndexes(this, ns, specs);
  }

  dropIndexes(ns: string, names: string[] | '*'): number {
    this.ensureActive();
    return catalogOps.dropIndexes(this, ns, names);
  }

  commit(): Promise<void> {
    if (this.state !== 'active') {
      return Promise.reject(new CommandError('NoSuchTransaction', 'Transaction is no longer active'));
    }
    this.state = 'done';
    return this.host.commit(this);
  }

  abort(): void {
    if (this.state !== 'active') return;
    this.state = 'done';
    this.host.release(this);
  }
}
