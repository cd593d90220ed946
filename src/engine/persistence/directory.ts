import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock';
import { fsyncDirectory } from './fsync';
import { encodeEntry } from './journal-codec';
import { journalFileName, scanJournals } from './journal-files';
import { JournalWriter } from './journal-writer';
import { readSnapshot, writeSnapshot } from './snapshot';
import type { SnapshotFile } from './stored-bodies';
import type { CollectionImage, JournalEntry, Persistence, RecoveredState } from './types';

export interface DirectoryPersistenceOptions {
  /** Told about recovered damage (a truncated journal tail), in plain words. */
  onWarning?: (message: string) => void;
}

interface JournalGeneration {
  lastSeq: number;
  bytes: number;
}

/**
 * Layout of the directory: `engine.lock`, `snapshot.bson` (the last checkpoint) and numbered
 * `journal-NNNNNNNN.log` files holding the commits made since; recovery skips entries the snapshot holds.
 */
export async function openDirectoryPersistence(
  dir: string,
  options: DirectoryPersistenceOptions = {},
): Promise<Persistence> {
  const absolute = path.resolve(dir);
  await mkdir(absolute, { recursive: true });
  const lock = await acquireDirectoryLock(absolute);
  return new DirectoryPersistence(absolute, lock, options.onWarning ?? (() => undefined));
}

class DirectoryPersistence implements Persistence {
  private state: 'opened' | 'recovering' | 'recovered' | 'closed' = 'opened';
  private writer: JournalWriter | undefined;
  /** Live journal files in order; the last one receives new appends. */
  private readonly generations = new Map<number, JournalGeneration>();
  private appendGeneration = 1;
  private lastSeq = 0;
  private checkpoints: Promise<void> = Promise.resolve();
  /** The snapshot read at recovery, open while collections may still be read from it. */
  private snapshotFile: SnapshotFile | undefined;

  constructor(
    private readonly dir: string,
    private readonly lock: DirectoryLock,
    private readonly warn: (message: string) => void,
  ) {}

  async recover(): Promise<RecoveredState> {
    if (this.state !== 'opened') throw new Error(`recover() may only be called once, before appending`);
    this.state = 'recovering';
    const snapshot = await readSnapshot(this.dir);
    this.snapshotFile = snapshot.file;
    const scan = await scanJournals(this.dir, snapshot.seq);
    for (const file of scan.files) this.generations.set(file.generation, file);
    this.appendGeneration = scan.files.at(-1)?.generation ?? 1;
    if (!this.generations.has(this.appendGeneration))
      this.generations.set(this.appendGeneration, emptyFile());
    const journalPath = path.join(this.dir, journalFileName(this.appendGeneration));
    this.writer = await JournalWriter.open(journalPath);
    if (scan.files.length === 0) await fsyncDirectory(journalPath);
    this.lastSeq = Math.max(snapshot.seq, ...scan.files.map((file) => file.lastSeq));
    this.state = 'recovered';
    const report = {
      snapshotSeq: snapshot.seq,
      entriesReplayed: scan.entries.length,
      truncatedBytes: scan.truncatedBytes,
      ...(scan.problem === undefined ? {} : { problem: scan.problem }),
    };
    if (scan.problem !== undefined) {
      this.warn(
        `Journal in ${this.dir} was damaged (${scan.problem}): cut ${scan.truncatedBytes} bytes, ` +
          `kept ${scan.entries.length} entries after snapshot seq ${snapshot.seq}`,
      );
    }
    return { collections: snapshot.collections, entries: scan.entries, report };
  }

  append(entry: JournalEntry): Promise<void> {
    if (this.state !== 'recovered' || !this.writer) return Promise.reject(this.unavailable('append'));
    if (!Number.isSafeInteger(entry.seq) || entry.seq <= this.lastSeq) {
      return Promise.reject(new Error(`Journal seq must increase: got ${entry.seq} after ${this.lastSeq}`));
    }
    let bytes: Buffer;
    try {
      bytes = encodeEntry(entry);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.lastSeq = entry.seq;
    const generation = this.generations.get(this.appendGeneration) ?? emptyFile();
    generation.lastSeq = entry.seq;
    generation.bytes += bytes.length;
    this.generations.set(this.appendGeneration, generation);
    return this.writer.write(bytes);
  }

  journalSize(): number {
    let total = 0;
    for (const generation of this.generations.values()) total += generation.bytes;
    return total;
  }

  checkpoint(seq: number, collections: CollectionImage[]): Promise<void> {
    if (this.state !== 'recovered' || !this.writer) return Promise.reject(this.unavailable('checkpoint'));
    if (!Number.isSafeInteger(seq) || seq < 0)
      return Promise.reject(new Error(`Invalid checkpoint seq ${seq}`));
    // Switch journals now, synchronously in call order, so every append made after this call
    // lands in the new file and survives the removal of the old ones.
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.appendGeneration += 1;
    this.generations.set(this.appendGeneration, emptyFile());
    const newJournal = path.join(this.dir, journalFileName(this.appendGeneration));
    const switched = this.writer.switchTo(newJournal);
    const run = this.checkpoints.then(async () => {
      await switched;
      await writeSnapshot(this.dir, seq, collections);
      await this.removeJournalsCoveredBy(seq);
    });
    this.checkpoints = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    await this.checkpoints;
    await this.writer?.close();
    await this.snapshotFile?.close();
    await this.lock.release();
  }

  /** Old journals form a prefix: each holds only entries before the next one's. */
  private async removeJournalsCoveredBy(seq: number): Promise<void> {
    let removed = false;
    for (const [number, generation] of [...this.generations].sort(([a], [b]) => a - b)) {
      if (number === this.appendGeneration || generation.lastSeq > seq) break;
      await unlink(path.join(this.dir, journalFileName(number)));
      this.generations.delete(number);
      removed = true;
    }
    if (removed) await fsyncDirectory(path.join(this.dir, journalFileName(this.appendGeneration)));
  }

  private unavailable(operation: string): Error {
    const reason = this.state === 'closed' ? 'it is closed' : 'recover() has not completed';
    return new Error(`Cannot ${operation} on the journal in ${this.dir}: ${reason}`);
  }
}

function emptyFile(): JournalGeneration {
  return { lastSeq: 0, bytes: 0 };
}
