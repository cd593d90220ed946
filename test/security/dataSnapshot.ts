import { createHash } from 'node:crypto';
import mongoose from 'mongoose';

/** Bookkeeping that a refused request may still touch: sessions, rate-limit counters, the job queue. */
const BOOKKEEPING = /session|rate|limit|job|agenda/i;

/**
 * A digest of every stored document outside the bookkeeping collections: equal digests before and after a
 * request mean it changed nothing (no partial write, no audit event, no version bump).
 */
export async function snapshotData(): Promise<Record<string, string>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const digest: Record<string, string> = {};
  for (const name of names) {
    if (BOOKKEEPING.test(name) || name.startsWith('system.')) continue;
    const hash = createHash('sha256');
    const documents = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    for (const document of documents) hash.update(JSON.stringify(document));
    digest[name] = `${documents.length}:${hash.digest('hex').slice(0, 16)}`;
  }
  return digest;
}
