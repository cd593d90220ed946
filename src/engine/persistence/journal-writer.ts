import { open, type FileHandle } from 'node:fs/promises';
import { fsyncDirectory } from './fsync';

interface PendingWrite {
  kind: 'write';
  bytes: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface PendingSwitch {
  kind: 'switch';
  filePath: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends frames to the current journal file with group commit: while one write+fdatasync is in flight,
 * new appends queue up and the next round writes them all with one fdatasync. Order is preserved.
 * After a failed write the file may end in a partial record, so the writer stops accepting appends
 * (like MongoDB, it is safer to stop than to acknowledge writes placed after garbage).
 */
export class JournalWriter {
  private queue: (PendingWrite | PendingSwitch)[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;

  private constructor(private handle: FileHandle) {}

  static async open(filePath: string): Promise<JournalWriter> {
    return new JournalWriter(await open(filePath, 'a'));
  }

  write(bytes: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<void>((resolve, reject) =>
      this.queue.push({ kind: 'write', bytes, resolve, reject }),
    );
    this.flushing ??= this.flushLoop();
    return done;
  }

  /** Writes queued before this call go to the current file, later ones to the new, durably created file. */
  switchTo(filePath: string): Promise<void> {
    const done = new Promise<void>((resolve, reject) =>
      this.queue.push({ kind: 'switch', filePath, resolve, reject }),
    );
    this.flushing ??= this.flushLoop();
    return done;
  }

  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }

  private async flushLoop(): Promise<void> {
    try {
      for (let head = this.queue[0]; head; head = this.queue[0]) {
        if (head.kind === 'switch') {
          this.queue.shift();
          await this.performSwitch(head);
          continue;
        }
        const switchAt = this.queue.findIndex((task) => task.kind === 'switch');
        const batch = this.queue.splice(0, switchAt === -1 ? this.queue.length : switchAt);
        await this.writeBatch(batch.filter((task): task is PendingWrite => task.kind === 'write'));
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async performSwitch(task: PendingSwitch): Promise<void> {
    try {
      const next = await open(task.filePath, 'a');
      await fsyncDirectory(task.filePath);
      const previous = this.handle;
      this.handle = next;
      await previous.close();
      task.resolve();
    } catch (error) {
      // Later writes would land in the old file while the caller counts them in the new one.
      task.reject(this.fail(error));
    }
  }

  private async writeBatch(batch: PendingWrite[]): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      const bytes = batch.length === 1 ? batch[0].bytes : Buffer.concat(batch.map((write) => write.bytes));
      let written = 0;
      while (written < bytes.length) {
        const result = await this.handle.write(bytes, written, bytes.length - written);
        written += result.bytesWritten;
      }
      await this.handle.datasync();
      for (const write of batch) write.resolve();
    } catch (error) {
      const failure = this.fail(error);
      for (const write of batch) write.reject(failure);
    }
  }

  private fail(error: unknown): Error {
    this.failure ??= new Error(`Journal write failed; the engine must restart: ${String(error)}`, {
      cause: error,
    });
    return this.failure;
  }
}
