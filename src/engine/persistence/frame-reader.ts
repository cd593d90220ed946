import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { FRAME_HEADER_BYTES, MAX_FRAME_BODY_BYTES } from './frame';

export interface Frame {
  kind: number;
  body: Buffer;
  /** File offset of the frame's first byte. */
  start: number;
  /** File offset just past the frame. */
  end: number;
}

export type FrameRead =
  { type: 'frame'; frame: Frame } | { type: 'end' } | { type: 'bad'; offset: number; problem: string };

const CHUNK_BYTES = 1024 * 1024;

/** Reads frames one by one in chunks, so a large snapshot never has to fit in one buffer. */
export class FrameReader {
  private buffer = Buffer.alloc(0);
  /** Index in `buffer` of the next unread byte. */
  private cursor = 0;
  /** File offset of `buffer[0]`. */
  private bufferOffset = 0;
  private filePosition = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly fileSize: number,
  ) {}

  /**
   * The next frame. With `copy` false the body is a view of the read buffer, for a caller that only
   * checks it or decodes it at once (a copy per record would be garbage right away).
   */
  async next(copy = true): Promise<FrameRead> {
    const start = this.bufferOffset + this.cursor;
    const remaining = this.fileSize - start;
    if (remaining === 0) return { type: 'end' };
    if (remaining < FRAME_HEADER_BYTES) {
      return { type: 'bad', offset: start, problem: `torn record header at offset ${start}` };
    }
    await this.ensure(FRAME_HEADER_BYTES);
    const length = this.buffer.readUInt32LE(this.cursor);
    const checksum = this.buffer.readUInt32LE(this.cursor + 4);
    if (length < 5 || length > MAX_FRAME_BODY_BYTES) {
      return { type: 'bad', offset: start, problem: `invalid record length ${length} at offset ${start}` };
    }
    const total = FRAME_HEADER_BYTES + length;
    if (remaining < total) {
      return {
        type: 'bad',
        offset: start,
        problem: `torn record at offset ${start}: ${total} bytes expected, ${remaining} present`,
      };
    }
    await this.ensure(total);
    const covered = this.buffer.subarray(this.cursor + 8, this.cursor + total);
    if (crc32(covered) !== checksum) {
      return { type: 'bad', offset: start, problem: `checksum mismatch in record at offset ${start}` };
    }
    const body = copy ? Buffer.from(covered.subarray(1)) : covered.subarray(1);
    if (body.readInt32LE(0) !== length) {
      return { type: 'bad', offset: start, problem: `BSON length mismatch in record at offset ${start}` };
    }
    const kind = covered[0] ?? 0;
    this.cursor += total;
    return { type: 'frame', frame: { kind, body, start, end: start + total } };
  }

  private async ensure(bytes: number): Promise<void> {
    if (this.buffer.length - this.cursor >= bytes) return;
    const kept = this.buffer.subarray(this.cursor);
    const wanted = Math.max(CHUNK_BYTES, bytes - kept.length);
    const chunk = Buffer.allocUnsafe(wanted);
    let filled = 0;
    while (kept.length + filled < bytes) {
      const { bytesRead } = await this.handle.read(chunk, filled, wanted - filled, this.filePosition);
      if (bytesRead === 0) throw new Error('file shrank while it was being read');
      filled += bytesRead;
      this.filePosition += bytesRead;
    }
    this.bufferOffset += this.cursor;
    this.buffer = Buffer.concat([kept, chunk.subarray(0, filled)]);
    this.cursor = 0;
  }
}
