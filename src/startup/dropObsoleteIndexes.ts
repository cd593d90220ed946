import mongoose from 'mongoose';
import type { Logger } from '../logger';

/**
 * Indexes earlier versions created for directory filters, which now run on the in-memory read model.
 * Nothing queries them, yet every write maintains them and the embedded engine rebuilds them at each start.
 */
const obsoleteIndexes: Record<string, string[]> = {
  organisations: [
    'country_1_searchKey_1',
    'category_1_searchKey_1',
    'sector_1_searchKey_1',
    'initiatives_1_searchKey_1',
    'commitments_1_searchKey_1',
    'evidenceLevel_1_searchKey_1',
    'joinedYears_1_searchKey_1',
    'firstJoinedAt_-1_searchKey_1',
  ],
  pledges: ['initiative_1_commitments_1'],
};

/** Drops those of them a data directory or database still has; a no-op once they are gone. */
export async function dropObsoleteIndexes(logger: Logger): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) return;
  for (const [collectionName, names] of Object.entries(obsoleteIndexes)) {
    const collection = db.collection(collectionName);
    const existing = await collection.indexes().catch(() => []);
    for (const index of existing) {
      if (typeof index.name !== 'string' || !names.includes(index.name)) continue;
      await collection.dropIndex(index.name);
      logger.info({ collection: collectionName, index: index.name }, 'dropped an index no query uses');
    }
  }
}
