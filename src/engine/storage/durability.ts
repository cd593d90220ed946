import type { CollectionImage, JournalEntry, Persistence } from '../persistence/types';
import type { Catalog } from './catalog';

export const CHECKPOINT_BYTES = 64 * 1024 * 1024;

export function imagesOf(catalog: Catalog): CollectionImage[] {
  return [...catalog.collections.values()].map((collection) => ({
    ns: collection.ns,
    options: collection.options,
    indexes: [...collection.indexes.values()].map((index) => index.spec),
    docs: { [Symbol.iterator]: () => collection.docs.values() },
    ...(collection.untouchedBodies ? { encoded: collection.untouchedBodies } : {}),
  }));
}

/**
 * Appends commits in seq order and snapshots when the journal grows. A checkpoint waits for the appends
 * already issued and holds back later ones, so the snapshot at `seq` and the fresh journal after it agree.
 */
export class Durability {
  private readonly inflight = new Set<Promise<void>>();
  private gate: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly persistence: Persistence,
    private readonly latest: () => Catalog,
    private readonly checkpointBytes = CHECKPOINT_BYTES,
  ) {}

  append(entry: JournalEntry): Promise<void> {
    const written = this.gate
      ? this.gate.then(() => this.persistence.append(entry))
      : this.persistence.append(entry);
    const tracked = written.finally(() => {
      this.inflight.delete(tracked);
      this.maybeCheckpoint();
    });
    this.inflight.add(tracked);
    return tracked;
  }

  private maybeCheckpoint(): void {
    if (this.gate || this.persistence.journalSize() < this.checkpointBytes) return;
    const catalog = this.latest();
    const pending = [...this.inflight];
    const gate: Promise<void> = Promise.allSettled(pending)
      .then(() => this.persistence.checkpoint(catalog.seq, imagesOf(catalog)))
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => {
        if (this.gate === gate) this.gate = undefined;
      });
    this.gate = gate;
  }

  /** The last checkpoint error, if any (reported, never thrown into unrelated commits). */
  get lastCheckpointFailure(): unknown {
    return this.failure;
  }

  async drain(): Promise<void> {
    while (this.inflight.size > 0 || this.gate) {
      await Promise.allSettled([...this.inflight, this.gate]);
    }
  }

  /** On close: a journal a sixteenth of the way to a checkpoint is folded into a snapshot for a fast start. */
  async closingCheckpoint(): Promise<void> {
    await this.drain();
    if (this.persistence.journalSize() < this.checkpointBytes / 16) return;
    const catalog = this.latest();
    try {
      await this.persistence.checkpoint(catalog.seq, imagesOf(catalog));
    } catch (error) {
      this.failure = error;
    }
  }
}
