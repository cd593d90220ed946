import type { MongoClient } from 'mongodb';
import { killEngine, startEngineProcess, useEngineSandbox, withClient } from './engine-process';

const sandbox = useEngineSandbox();

describe('catalog changes across a SIGKILL of the engine command line', () => {
  it('keeps created and dropped indexes and collections exactly as they were listed', async () => {
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    const listCatalog = async (client: MongoClient): Promise<unknown> => {
      const db = client.db('catalog');
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
      const indexes = await Promise.all(names.map((name) => db.collection(name).listIndexes().toArray()));
      return { names, indexes };
    };
    const before = await withClient(first, async (client) => {
      const db = client.db('catalog');
      await db
        .collection('kept')
        .createIndex({ code: 1 }, { unique: true, partialFilterExpression: { code: { $exists: true } } });
      await db.collection('kept').createIndex({ seenAt: 1 }, { expireAfterSeconds: 3600 });
      await db.collection('kept').createIndex({ temporary: 1 }, { unique: true });
      await db.collection('kept').dropIndex('temporary_1');
      await db.collection<{ _id: number }>('dropped').insertOne({ _id: 1 });
      await db.collection('dropped').drop();
      await db.createCollection('empty');
      return listCatalog(client);
    });
    await killEngine(first);

    const restarted = sandbox.track(await startEngineProcess(sandbox.dir()));
    await withClient(restarted, async (client) => {
      expect(await listCatalog(client)).toEqual(before);
      expect(before).toMatchObject({
        names: ['empty', 'kept'],
        indexes: [
          [{ name: '_id_' }],
          [
            { name: '_id_' },
            { name: 'code_1', unique: true, partialFilterExpression: { code: { $exists: true } } },
            { name: 'seenAt_1', expireAfterSeconds: 3600 },
          ],
        ],
      });
      const kept = client.db('catalog').collection('kept');
      await kept.insertMany([{ temporary: 1 }, { temporary: 1 }, { code: 'a' }]);
      await expect(kept.insertOne({ code: 'a' })).rejects.toMatchObject({ code: 11000 });
    });
  });
});
