import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import mongoose from 'mongoose';
import { RegistryVersion } from '../../models/registryVersion';
import { packIndexes, unpackIndexes, type PackedIndexes } from './savedIndexes';
import { buildSnapshots, type DirectoryEntry, type DirectorySnapshot } from './snapshot';

/** Where a stopping server leaves its directory entries for the next start, in the registry's own database. */
export const SAVED_ENTRIES_COLLECTION = 'directory_saved_entries';
/** Parts stay far below MongoDB's 16 MiB document limit. */
const PART_BYTES = 8 * 1024 * 1024;
/** Set by the server bundle, which has no compiled sources beside it: the same hash, computed when bundling. */
declare const BUNDLED_SAVED_FORMAT: string | undefined;
/**
 * A copy saved by other code is never read back: the format names the source of what reads the entries and
 * sorts and indexes them, so a change to what an entry holds, how it is read, sorted or indexed discards
 * what an older version saved.
 */
export const SAVED_FORMAT =
  typeof BUNDLED_SAVED_FORMAT === 'string'
    ? BUNDLED_SAVED_FORMAT
    : ['./snapshot', './postings', './savedIndexes']
        .reduce((hash, module) => hash.update(readFileSync(require.resolve(module))), createHash('sha256'))
        .digest('hex')
        .slice(0, 16);

/** The entries of every organisation, with the sort orders and postings of both copies built from them. */
interface SavedCopy {
  entries: DirectoryEntry[];
  everyone: PackedIndexes;
  active: PackedIndexes | null;
}

interface SavedPart {
  _id: number;
  token: string;
  /** When one of the registry's version counters last moved: a database reset that repeats a token still differs here. */
  counterMovedAt: number | null;
  format: string;
  saveId: string;
  parts: number;
  bytes: { buffer: Uint8Array };
}

async function counterMovedAt(): Promise<number | null> {
  const counters = await RegistryVersion.find({}, { updatedAt: 1 }).lean();
  const times = counters.map((counter) =>
    counter.updatedAt instanceof Date ? counter.updatedAt.getTime() : 0,
  );
  return times.length > 0 ? Math.max(...times) : null;
}

function collection() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('The directory needs a connected database');
  return db.collection<SavedPart>(SAVED_ENTRIES_COLLECTION);
}

/** The active copy's indexes, when its entries are those a restart filters from every organisation's. */
function activeIndexes(snapshot: DirectorySnapshot): PackedIndexes | null {
  if (snapshot === snapshot.everyone) return null;
  const active = snapshot.everyone.entries.filter((entry) => entry.status === 'active');
  const lineUp =
    active.length === snapshot.entries.length && active.every((entry, i) => entry === snapshot.entries[i]);
  return lineUp ? packIndexes(snapshot) : null;
}

/**
 * Saves the copy of registry version `token` (at shutdown), replacing what was saved before. A save cut
 * short leaves parts of two saves, which `readSavedSnapshot` refuses.
 */
export async function saveSnapshot(snapshot: DirectorySnapshot): Promise<void> {
  const { token, everyone } = snapshot;
  const copy: SavedCopy = {
    entries: everyone.entries,
    everyone: packIndexes(everyone),
    active: activeIndexes(snapshot),
  };
  const bytes = serialize(copy);
  const saveId = `${Date.now()}-${process.pid}`;
  const movedAt = await counterMovedAt();
  const parts = Math.max(1, Math.ceil(bytes.length / PART_BYTES));
  const documents = Array.from({ length: parts }, (_, part) => ({
    _id: part,
    token,
    counterMovedAt: movedAt,
    format: SAVED_FORMAT,
    saveId,
    parts,
    bytes: bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES),
  }));
  await collection().deleteMany({});
  await collection().insertMany(documents as unknown as SavedPart[]);
}

/** The copy saved for exactly this registry version by this code, dated `changedAt`, or null. */
export async function readSavedSnapshot(token: string, changedAt: Date): Promise<DirectorySnapshot | null> {
  const [parts, movedAt] = await Promise.all([
    collection().find({}).sort({ _id: 1 }).toArray(),
    counterMovedAt(),
  ]);
  const first = parts[0];
  if (!first || first.token !== token || first.counterMovedAt !== movedAt || first.format !== SAVED_FORMAT)
    return null;
  if (parts.length !== first.parts) return null;
  if (
    parts.some((part, index) => part._id !== index || part.saveId !== first.saveId || part.token !== token)
  ) {
    return null;
  }
  const copy = deserialize(
    Buffer.concat(parts.map((part) => part.bytes.buffer)),
  ) as Partial<SavedCopy> | null;
  if (!Array.isArray(copy?.entries)) return null;
  const everyone = unpackIndexes(copy.everyone, copy.entries.length);
  if (!everyone) return null;
  // Without saved indexes for the active copy (none saved, or they do not fit), they are built anew.
  const activeCount = copy.entries.filter((entry) => entry.status === 'active').length;
  const active = unpackIndexes(copy.active, activeCount);
  return buildSnapshots(copy.entries, token, changedAt, { everyone, active });
}
