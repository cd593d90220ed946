import type { Model, QueryFilter } from 'mongoose';

/**
 * Claims up to `limit` entries matching `due` by moving their next check to `claimedUntil`, one at a time,
 * so that sweeps running at once on several workers never hand out the same entry twice.
 */
export async function claimDueEntries<T>(
  model: Model<T>,
  due: QueryFilter<T>,
  claimedUntil: Date,
  limit: number,
): Promise<string[]> {
  const claimed: string[] = [];
  while (claimed.length < limit) {
    const entry = await model
      .findOneAndUpdate(due, { $set: { nextCheckAt: claimedUntil } }, { sort: { nextCheckAt: 1 }, projection: { _id: 1 } })
      .lean<{ _id: unknown } | null>();
    if (!entry) break;
    claimed.push(String(entry._id));
  }
  return claimed;
}
