import { HEADER_SIZE, MAX_MESSAGE_SIZE } from './opcodes';

/**
 * Splits a TCP byte stream into whole wire messages. Memory stays bounded: a length header outside
 * [HEADER_SIZE, MAX_MESSAGE_SIZE] is reported as a framing error before any body is buffered.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Returns the complete messages now available, or an error string when the stream is unusable. */
  push(chunk: Buffer): { messages: Buffer[]; error?: string } {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    while (this.buffered >= 4) {
      const length = this.peekLength();
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
        return { messages, error: `invalid message length ${length}` };
      }
      if (this.buffered < length) break;
      messages.push(this.take(length));
    }
    return { messages };
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32LE(0);
    return this.flatten().readInt32LE(0);
  }

  private flatten(): Buffer {
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all;
  }

  private take(length: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : this.flatten();
    const message = all.subarray(0, length);
    const rest = all.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return message;
  }
}
