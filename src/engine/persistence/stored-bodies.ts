import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { FRAME_HEADER_BYTES } from './frame';

/** BSON bodies of documents, in order; `length` counts them without reading them. */
export interface EncodedBodies extends Iterable<Uint8Array> {
  readonly length: number;
}

/**
 * The snapshot file a start read, kept open while collections still lie in it undecoded. A later
 * checkpoint renames a new snapshot over it; the open handle still reads the old file's bytes, which stay
 * on disk until the engine closes.
 */
export class SnapshotFile {
  private closed = false;

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  read(start: number, end: number): Buffer {
    if (this.closed) throw new Error(`snapshot ${this.path} was closed before its collections were read`);
    const bytes = Buffer.allocUnsafe(end - start);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(this.handle.fd, bytes, filled, bytes.length - filled, start + filled);
      if (read === 0) throw new Error(`snapshot ${this.path} ends before offset ${end}`);
      filled += read;
    }
    return bytes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/**
 * One collection's document records, located in the snapshot file (checked when the file was read) and
 * read from it only when the collection is first used or copied into the next snapshot: most
 * collections are not needed for the first answers after a start, and bytes on disk take no memory.
 */
export class StoredBodies implements EncodedBodies {
  constructor(
    private readonly file: SnapshotFile,
    private readonly start: number,
    private readonly end: number,
    readonly length: number,
  ) {}

  *[Symbol.iterator](): Iterator<Uint8Array> {
    const bytes = this.file.read(this.start, this.end);
    let cursor = 0;
    let count = 0;
    while (cursor < bytes.length) {
      const total = FRAME_HEADER_BYTES + bytes.readUInt32LE(cursor);
      const covered = bytes.subarray(cursor + 8, cursor + total);
      if (cursor + total > bytes.length || crc32(covered) !== bytes.readUInt32LE(cursor + 4)) {
        throw new Error(
          `record at offset ${this.start + cursor} of ${this.file.path} changed since it was read`,
        );
      }
      yield covered.subarray(1);
      cursor += total;
      count += 1;
    }
    if (count !== this.length) throw new Error(`${count} records found where ${this.length} were read`);
  }
}
