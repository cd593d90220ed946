import { CommandError } from '../errors';
import type { Persistence, RecoveryReport } from '../persistence/types';
import type { ReadView, Storage, WriteTxn } from './api';
import type { Catalog } from './catalog';
import { CatalogWriter } from './catalog';
import { Durability } from './durability';
import { expiredDocuments } from './ttl';
import { Txn, writeConflict, type TxnHost } from './txn';
import { CatalogView } from './view';

const PRUNE_THRESHOLD = 50_000;
/** Recent committed states kept for snapshot reads at a cluster time (each shares most nodes with the next). */
const SNAPSHOT_HISTORY = 256;

/** The committed catalog plus the bookkeeping that detects conflicting writes. */
export class EngineStorage implements Storage, TxnHost {
  private root: Catalog;
  private readonly history: Catalog[] = [];
  private readonly docSeq = new Map<string, number>();
  private readonly dataSeq = new Map<string, number>();
  private readonly catalogSeq = new Map<string, number>();
  private readonly locks = new Map<string, Txn>();
  private readonly open = new Set<Txn>();
  private readonly durability?: Durability;
  private sweeper?: NodeJS.Timeout;
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(
    initial: Catalog,
    private readonly persistence: Persistence | undefined,
    ttlSweepMs: number,
    readonly recovery?: RecoveryReport,
    checkpointBytes?: number,
  ) {
    this.root = initial;
    if (persistence) this.durability = new Durability(persistence, () => this.root, checkpointBytes);
    this.sweeper = setInterval(() => {
      this.sweepExpired().catch(() => undefined);
    }, ttlSweepMs);
    this.sweeper.unref();
  }

  begin(): WriteTxn {
    if (this.closed) throw new CommandError('IllegalOperation', 'storage is closed');
    const txn = new Txn(this, this.root);
    this.open.add(txn);
    return txn;
  }

  read(): ReadView {
    const catalog = this.root;
    return new CatalogView(() => catalog.collections);
  }

  get committedSeq(): number {
    return this.root.seq;
  }

  readAt(seq: number): ReadView | undefined {
    if (seq >= this.root.seq) return this.read();
    for (let i = this.history.length - 1; i >= 0; i--) {
      const catalog = this.history[i];
      if (catalog && catalog.seq <= seq) {
        const next = this.history[i + 1] ?? this.root;
        return next.seq > seq ? new CatalogView(() => catalog.collections) : undefined;
      }
    }
    return undefined;
  }

  docWrittenAt(key: string): number {
    return this.docSeq.get(key) ?? 0;
  }

  dataChangedAt(ns: string): number {
    return this.dataSeq.get(ns) ?? 0;
  }

  catalogChangedAt(ns: string): number {
    return this.catalogSeq.get(ns) ?? 0;
  }

  lockHolder(key: string): Txn | undefined {
    return this.locks.get(key);
  }

  lock(key: string, txn: Txn): void {
    this.locks.set(key, txn);
  }

  release(txn: Txn): void {
    for (const key of txn.keys) if (this.locks.get(key) === txn) this.locks.delete(key);
    this.open.delete(txn);
    this.prune();
    if (this.waiters.length > 0) {
      const waiting = this.waiters;
      this.waiters = [];
      for (const wake of waiting) wake();
    }
  }

  whenTransactionEnds(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private checkStillValid(txn: Txn): void {
    const seq = txn.snapshotSeq;
    for (const key of txn.keys) if (this.docWrittenAt(key) > seq) throw writeConflict();
    for (const ns of txn.touched) if (this.catalogChangedAt(ns) > seq) throw writeConflict();
    for (const ns of txn.restructured) {
      if (this.catalogChangedAt(ns) > seq || this.dataChangedAt(ns) > seq) throw writeConflict();
    }
  }

  /** Publishes synchronously (later transactions see it at once), then resolves when durable. */
  commit(txn: Txn): Promise<void> {
    try {
      if (txn.ops.length === 0) return Promise.resolve();
      if (this.closed) throw new CommandError('IllegalOperation', 'storage is closed');
      this.checkStillValid(txn);
      let collections = txn.writer.collections;
      if (this.root.seq !== txn.snapshotSeq) {
        const rebased = new CatalogWriter(this.root.collections);
        for (const op of txn.ops) rebased.apply(op);
        collections = rebased.collections;
      }
      const seq = this.root.seq + 1;
      this.history.push(this.root);
      if (this.history.length > SNAPSHOT_HISTORY) this.history.shift();
      this.root = { seq, collections };
      for (const key of txn.keys) this.docSeq.set(key, seq);
      for (const ns of txn.touched) this.dataSeq.set(ns, seq);
      for (const ns of txn.restructured) this.catalogSeq.set(ns, seq);
      return this.durability ? this.durability.append({ seq, ops: txn.ops }) : Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.release(txn);
    }
  }

  /** Forgets write history no open transaction can conflict with any more. */
  private prune(): void {
    if (this.open.size === 0) {
      this.docSeq.clear();
      return;
    }
    if (this.docSeq.size < PRUNE_THRESHOLD) return;
    const oldest = Math.min(...[...this.open].map((t) => t.snapshotSeq));
    for (const [key, seq] of this.docSeq) if (seq <= oldest) this.docSeq.delete(key);
  }

  async sweepExpired(now = Date.now()): Promise<number> {
    if (this.closed) return 0;
    const expired = expiredDocuments(this.root, now);
    if (expired.length === 0) return 0;
    const txn = this.begin();
    let removed = 0;
    for (const { ns, doc } of expired) {
      try {
        txn.remove(ns, doc);
        removed++;
      } catch {
        // Changed or locked by someone else: the next sweep looks again.
      }
    }
    try {
      await txn.commit();
    } catch {
      return 0;
    }
    return removed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const txn of [...this.open]) txn.abort();
    for (const wake of this.waiters.splice(0)) wake();
    await this.durability?.closingCheckpoint();
    await this.persistence?.close();
  }
}
