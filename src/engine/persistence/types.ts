import type { Document } from 'bson';
import type { IndexSpec } from '../storage/types';
import type { EncodedBodies } from './stored-bodies';

/** One logical change; a journal entry groups the changes of one atomic commit. */
export type JournalOp =
  | { op: 'put'; ns: string; doc: Document }
  | { op: 'delete'; ns: string; id: unknown }
  | { op: 'createCollection'; ns: string; options: Document }
  | { op: 'dropCollection'; ns: string }
  | { op: 'renameCollection'; from: string; to: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; ns: string; spec: IndexSpec }
  | { op: 'dropIndex'; ns: string; name: string };

export interface JournalEntry {
  /** Commit sequence number, strictly increasing. */
  seq: number;
  ops: JournalOp[];
}

/** Everything needed to rebuild the catalog without the journal. */
export interface CollectionImage {
  ns: string;
  options: Document;
  indexes: IndexSpec[];
  docs: Iterable<Document>;
  /**
   * The documents' BSON bodies, when they are still exactly as read back from a snapshot: a snapshot writes
   * them verbatim and the catalog decodes them only when the collection is first used.
   */
  encoded?: EncodedBodies;
}

export interface RecoveryReport {
  snapshotSeq: number;
  entriesReplayed: number;
  /** Bytes cut from a torn or corrupt journal tail, 0 when the journal was clean. */
  truncatedBytes: number;
  problem?: string;
}

export interface RecoveredState {
  collections: CollectionImage[];
  entries: JournalEntry[];
  report: RecoveryReport;
}

/**
 * Durable storage of a catalog in a directory: an append-only journal plus snapshots.
 * The storage layer calls append() for every commit and only acknowledges the write once it resolves.
 */
export interface Persistence {
  /** Reads the snapshot and the journal behind it; call once, before any append. */
  recover(): Promise<RecoveredState>;
  /** Appends one commit and resolves after it is fsynced (several concurrent appends may share one fsync). */
  append(entry: JournalEntry): Promise<void>;
  /** Journal bytes since the last snapshot, so the caller can decide when to checkpoint. */
  journalSize(): number;
  /** Writes a full snapshot atomically, then starts a fresh journal after `seq`. */
  checkpoint(seq: number, collections: CollectionImage[]): Promise<void>;
  /** Flushes, releases the directory lock. */
  close(): Promise<void>;
}
