import { calculateObjectSize, type Document } from 'bson';

/** Room left in a 16 MiB reply once the cursor envelope is accounted for. */
export const BATCH_BYTE_LIMIT = 16 * 1024 * 1024 - 16 * 1024;

/** Hands out a lazy result stream in batches bounded by count and by BSON size. */
export class BatchSource {
  private pending: Document | undefined;
  private done = false;

  constructor(private readonly iterator: Iterator<Document>) {}

  get exhausted(): boolean {
    if (this.pending !== undefined || this.done) return this.pending === undefined;
    const step = this.iterator.next();
    if (step.done) this.done = true;
    else this.pending = step.value;
    return this.done;
  }

  private next(): Document | undefined {
    if (this.pending !== undefined) {
      const doc = this.pending;
      this.pending = undefined;
      return doc;
    }
    if (this.done) return undefined;
    const step = this.iterator.next();
    if (step.done) {
      this.done = true;
      return undefined;
    }
    return step.value;
  }

  /** At least one document when any remain; never more than `maxDocs` nor (after the first) the byte budget. */
  take(maxDocs: number): Document[] {
    const batch: Document[] = [];
    let bytes = 0;
    while (batch.length < maxDocs) {
      const doc = this.next();
      if (doc === undefined) break;
      const size = calculateObjectSize(doc, { ignoreUndefined: true }) + 16;
      if (batch.length > 0 && bytes + size > BATCH_BYTE_LIMIT) {
        this.pending = doc;
        break;
      }
      batch.push(doc);
      bytes += size;
    }
    return batch;
  }

  close(): void {
    this.done = true;
    this.pending = undefined;
    this.iterator.return?.();
  }
}
