import type { Document } from 'bson';
import type { Persistence, RecoveryReport } from '../persistence/types';
import type { IndexSpec, PlanInfo } from './types';

/** `ns` everywhere is "database.collection". */
export interface CollectionInfo {
  name: string;
  options: Document;
  indexes: IndexSpec[];
}

export interface ScanRequest {
  /** The whole query filter; storage uses it only to choose candidates, the caller still applies it. */
  filter: Document;
  sort?: Record<string, 1 | -1>;
  /** Index name or key pattern from the command's `hint`. */
  hint?: string | Record<string, 1 | -1>;
}

export interface ScanResult {
  /** A superset of the matching documents, lazily produced; in the sort's order when plan.sortCovered. */
  docs: Iterable<Document>;
  plan: PlanInfo;
}

/**
 * A consistent view of the data: the committed state at one point, plus a transaction's own writes.
 * Documents returned by reads are the stored objects themselves, shared by every view and never copied:
 * they are immutable, so callers must copy a document before changing it, and must not change a document
 * after handing it to insert/replace.
 */
export interface ReadView {
  listDatabases(): string[];
  listCollections(db: string): CollectionInfo[];
  getCollection(ns: string): CollectionInfo | undefined;
  scan(ns: string, request: ScanRequest): ScanResult;
  findById(ns: string, id: unknown): Document | undefined;
  count(ns: string): number;
}

/**
 * A unit of atomic change. Autocommit commands open one per command; a multi-document transaction keeps
 * one across commands. Writes throw CommandError (DuplicateKey with keyPattern/keyValue, WriteConflict with
 * errorLabels ['TransientTransactionError'], NamespaceExists, NamespaceNotFound...) and leave the
 * transaction unchanged when they throw.
 */
export interface WriteTxn extends ReadView {
  readonly active: boolean;
  /** Creates the collection implicitly when missing. */
  insert(ns: string, doc: Document): void;
  /** `after` keeps `before`'s _id. */
  replace(ns: string, before: Document, after: Document): void;
  remove(ns: string, doc: Document): void;
  createCollection(ns: string, options: Document): void;
  dropCollection(ns: string): boolean;
  dropDatabase(db: string): void;
  renameCollection(from: string, to: string, dropTarget: boolean): void;
  createIndexes(
    ns: string,
    specs: IndexSpec[],
  ): { numIndexesBefore: number; numIndexesAfter: number; createdCollectionAutomatically: boolean };
  /** '*' drops all but _id_. Returns the number of indexes before the drop. */
  dropIndexes(ns: string, names: string[] | '*'): number;
  /** Checks conflicts, publishes atomically, resolves once durable. */
  commit(): Promise<void>;
  abort(): void;
}

export interface Storage {
  /** Opens a transaction whose reads see the state committed at this moment. */
  begin(): WriteTxn;
  /** The latest committed state. */
  read(): ReadView;
  /** The sequence number of the latest committed state. */
  readonly committedSeq: number;
  /**
   * The committed state numbered `seq` (or the latest one before it), while it is among the recent states
   * kept for snapshot reads; undefined once it has been forgotten.
   */
  readAt(seq: number): ReadView | undefined;
  /**
   * Resolves when the next transaction commits or aborts: an autocommit write refused with WriteConflict
   * because an open transaction holds the document can wait on this before retrying, as MongoDB makes
   * such writes wait.
   */
  whenTransactionEnds(): Promise<void>;
  /** What recovery found when the storage was opened on a persistence (absent in memory). */
  readonly recovery?: RecoveryReport;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** Absent: in memory only. */
  persistence?: Persistence;
  /** How often expired TTL documents are removed; MongoDB's default is 60 s. */
  ttlSweepMs?: number;
  /** Journal bytes since the last snapshot that trigger a new snapshot; 64 MiB by default. */
  checkpointBytes?: number;
}

export type OpenStorage = (options: StorageOptions) => Promise<Storage>;
