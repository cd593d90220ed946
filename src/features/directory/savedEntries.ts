import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import mongoose from 'mongoose';
import { RegistryVersion } from '../../models/registryVersion';
import { loadDirectoryEntries, type DirectoryEntry } from './snapshot';

/** Where a stopping server leaves its directory entries for the next start, in the registry's own database. */
export const SAVED_ENTRIES_COLLECTION = 'directory_saved_entries';
/** Parts stay far below MongoDB's 16 MiB document limit. */
const PART_BYTES = 8 * 1024 * 1024;
/**
 * Entries saved by other code are never read back: the format names this loader's source, so a change to
 * what an entry holds (or how it is read) discards what an older version saved.
 */
export const SAVED_FORMAT = createHash('sha256').update(loadDirectoryEntries.toString()).digest('hex').slice(0, 16);

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
  const times = counters.map((counter) => (counter.updatedAt instanceof Date ? counter.updatedAt.getTime() : 0));
  return times.length > 0 ? Math.max(...times) : null;
}

function collection() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('The directory needs a connected database');
  return db.collection<SavedPart>(SAVED_ENTRIES_COLLECTION);
}

/**
 * Saves the entries of registry version `token` (at shutdown), replacing what was saved before. A save cut
 * short leaves parts of two saves, which `readSavedEntries` refuses.
 */
export async function saveEntries(token: string, entries: DirectoryEntry[]): Promise<void> {
  const bytes = serialize(entries);
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

/** The entries saved for exactly this registry version by this code, or null. */
export async function readSavedEntries(token: string): Promise<DirectoryEntry[] | null> {
  const [parts, movedAt] = await Promise.all([collection().find({}).sort({ _id: 1 }).toArray(), counterMovedAt()]);
  const first = parts[0];
  if (!first || first.token !== token || first.counterMovedAt !== movedAt || first.format !== SAVED_FORMAT) return null;
  if (parts.length !== first.parts) return null;
  if (parts.some((part, index) => part._id !== index || part.saveId !== first.saveId || part.token !== token)) {
    return null;
  }
  const entries: unknown = deserialize(Buffer.concat(parts.map((part) => part.bytes.buffer)));
  return Array.isArray(entries) ? (entries as DirectoryEntry[]) : null;
}
