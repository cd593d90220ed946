import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import { insertAll } from './helpers';

let storage: Storage;
const ns = 'app.sessions';

afterEach(async () => {
  await storage.close();
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('TTL indexes (https://www.mongodb.com/docs/manual/core/index-ttl/)', () => {
  it('removes documents whose date is older than expireAfterSeconds, and nothing else', async () => {
    storage = await openStorage({ ttlSweepMs: 10 });
    const txn = storage.begin();
    txn.createIndexes(ns, [{ name: 'expires_1', key: { expires: 1 }, expireAfterSeconds: 0 }]);
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    txn.insert(ns, { _id: 'old', expires: past });
    txn.insert(ns, { _id: 'array', expires: [future, past] });
    txn.insert(ns, { _id: 'new', expires: future });
    txn.insert(ns, { _id: 'not-a-date', expires: 'yesterday' });
    txn.insert(ns, { _id: 'missing' });
    await txn.commit();
    await waitUntil(() => storage.read().count(ns) === 3);
    expect([...storage.read().scan(ns, { filter: {} }).docs].map((d) => d._id).sort()).toEqual([
      'missing',
      'new',
      'not-a-date',
    ]);
  });

  it('honours expireAfterSeconds relative to the stored date', async () => {
    storage = await openStorage({ ttlSweepMs: 10 });
    await insertAll(storage, ns, [
      { _id: 1, at: new Date(Date.now() - 10_000) },
      { _id: 2, at: new Date(Date.now() - 7_200_000) },
    ]);
    const txn = storage.begin();
    txn.createIndexes(ns, [{ name: 'at_-1', key: { at: -1 }, expireAfterSeconds: 3600 }]);
    await txn.commit();
    await waitUntil(() => storage.read().count(ns) === 1);
    expect(storage.read().findById(ns, 1)).toBeDefined();
  });
});
