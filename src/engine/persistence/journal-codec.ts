import { calculateObjectSize, serialize, type Document } from 'bson';
import { encodeDocumentFrame, encodeFrame, FrameKind } from './frame';
import type { JournalEntry, JournalOp } from './types';

/** bson's serializer works in a 17 MiB buffer; larger commits are split into parts of about this size. */
const PART_TARGET_BYTES = 8 * 1024 * 1024;

/** One entry as bytes: a single frame, or for a very large commit a start frame plus part frames. */
export function encodeEntry(entry: JournalEntry): Buffer {
  try {
    return encodeFrame(FrameKind.Entry, serialize({ seq: entry.seq, ops: entry.ops }));
  } catch (error) {
    // Checked by name: Node's buffer errors come from another realm under some test runners.
    const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
    if (name !== 'RangeError' && name !== 'BSONError') throw error;
  }
  const parts = splitOps(entry.ops);
  const frames = [encodeDocumentFrame(FrameKind.EntryStart, { seq: entry.seq, parts: parts.length })];
  for (const ops of parts) frames.push(encodeDocumentFrame(FrameKind.EntryPart, { ops }));
  return Buffer.concat(frames);
}

function splitOps(ops: JournalOp[]): JournalOp[][] {
  const parts: JournalOp[][] = [];
  let current: JournalOp[] = [];
  let currentBytes = 0;
  for (const op of ops) {
    const bytes = calculateObjectSize(op);
    if (current.length > 0 && currentBytes + bytes > PART_TARGET_BYTES) {
      parts.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(op);
    currentBytes += bytes;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

const OP_FIELDS: Record<JournalOp['op'], string[]> = {
  put: ['ns', 'doc'],
  delete: ['ns', 'id'],
  createCollection: ['ns', 'options'],
  dropCollection: ['ns'],
  renameCollection: ['from', 'to'],
  dropDatabase: ['db'],
  createIndex: ['ns', 'spec'],
  dropIndex: ['ns', 'name'],
};

export function isJournalOp(value: unknown): value is JournalOp {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Document;
  const fields =
    typeof record.op === 'string' && Object.hasOwn(OP_FIELDS, record.op)
      ? OP_FIELDS[record.op as JournalOp['op']]
      : undefined;
  return fields !== undefined && fields.every((field) => field in record);
}

export function readOps(value: unknown): JournalOp[] | undefined {
  return Array.isArray(value) && value.every(isJournalOp) ? value : undefined;
}
