import { randomBytes } from 'node:crypto';
import { Long } from 'bson';
import type { BatchSource } from './batch-source';

export interface ServerCursor {
  readonly id: bigint;
  readonly ns: string;
  readonly source: BatchSource;
  readonly sessionKey: string | undefined;
  lastUsed: number;
}

function newCursorId(): bigint {
  const id = randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn;
  return id === 0n ? 1n : id;
}

export function cursorIdOf(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  if (Long.isLong(value)) return value.toBigInt();
  return undefined;
}

/** Open cursors by id; idle ones are closed after `idleTimeoutMs`. */
export class CursorRegistry {
  private readonly cursors = new Map<bigint, ServerCursor>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs: number) {
    this.timer = setInterval(() => this.sweep(), Math.max(50, Math.min(idleTimeoutMs / 2, 60_000)));
    this.timer.unref();
  }

  register(ns: string, source: BatchSource, sessionKey: string | undefined): Long {
    const id = newCursorId();
    this.cursors.set(id, { id, ns, source, sessionKey, lastUsed: Date.now() });
    return Long.fromBigInt(id);
  }

  /** The cursor, marked as used now; undefined when unknown or expired. */
  use(id: bigint): ServerCursor | undefined {
    const cursor = this.cursors.get(id);
    if (cursor) cursor.lastUsed = Date.now();
    return cursor;
  }

  kill(id: bigint): boolean {
    const cursor = this.cursors.get(id);
    if (!cursor) return false;
    cursor.source.close();
    this.cursors.delete(id);
    return true;
  }

  killForSession(sessionKey: string): void {
    for (const cursor of this.cursors.values()) if (cursor.sessionKey === sessionKey) this.kill(cursor.id);
  }

  get size(): number {
    return this.cursors.size;
  }

  sweep(now = Date.now()): void {
    for (const cursor of this.cursors.values()) {
      if (now - cursor.lastUsed > this.idleTimeoutMs) this.kill(cursor.id);
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const id of [...this.cursors.keys()]) this.kill(id);
  }
}
