import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';

/**
 * Every record in the journal and in snapshots is one frame:
 *   u32 LE body length | u32 LE CRC-32 of (kind byte + body) | u8 kind | body (one BSON document)
 * CRC-32 comes from node:zlib (available since Node 20.15), so no table or extra package is needed.
 */
export const FRAME_HEADER_BYTES = 9;
/** Far above MongoDB's 16 MiB document limit; a larger length can only be corruption. */
export const MAX_FRAME_BODY_BYTES = 64 * 1024 * 1024;

export const FrameKind = {
  /** Journal: a whole entry `{ seq, ops }`. */
  Entry: 0x4a,
  /** Journal: the start of an entry too large for one document, `{ seq, parts }`. */
  EntryStart: 0x42,
  /** Journal: one part of a large entry, `{ ops }`. */
  EntryPart: 0x50,
  /** Snapshot: `{ format, seq }`. */
  SnapshotHeader: 0x48,
  /** Snapshot: `{ ns, options, indexes }`; the documents frames that follow belong to it. */
  Collection: 0x43,
  /** Snapshot: one stored document, as is. */
  Document: 0x44,
  /** Snapshot: `{ seq, collections, documents }`, proves the snapshot is complete. */
  SnapshotEnd: 0x45,
} as const;

/**
 * Longs stay Long (never silently become doubles); Int32/Double come back as JS numbers like the
 * driver's defaults; Binary stays Binary. Documents therefore re-serialize to the same BSON types.
 */
export const BSON_DESERIALIZE_OPTIONS = {
  promoteLongs: false,
  promoteValues: true,
  promoteBuffers: false,
  useBigInt64: false,
} as const;

export function encodeFrame(kind: number, body: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  frame.writeUInt32LE(body.length, 0);
  frame.writeUInt8(kind, 8);
  frame.set(body, FRAME_HEADER_BYTES);
  frame.writeUInt32LE(crc32(frame.subarray(8)), 4);
  return frame;
}

export function encodeDocumentFrame(kind: number, doc: Document): Buffer {
  return encodeFrame(kind, serialize(doc));
}

export function decodeBody(body: Uint8Array): Document {
  return deserialize(body, BSON_DESERIALIZE_OPTIONS);
}
