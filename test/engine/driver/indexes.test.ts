import { closeFixture, openFixture, type EngineFixture } from './fixture';

let fixture: EngineFixture;
beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(() => closeFixture(fixture));

describe('indexes through the driver', () => {
  it('creates, lists and drops indexes', async () => {
    const c = fixture.client.db('idx').collection('items');
    await c.insertOne({ sku: 'a', n: 1 });
    expect(await c.createIndex({ sku: 1 }, { unique: true })).toBe('sku_1');
    await c.createIndex({ n: -1, sku: 1 });
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_', 'sku_1', 'n_-1_sku_1']);
    await c.dropIndex('n_-1_sku_1');
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'sku_1']);
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await expect(fixture.client.db('idx').collection('none').listIndexes().toArray()).rejects.toMatchObject({
      code: 26,
    });
  });

  it('reports unique violations as E11000 with keyPattern and keyValue', async () => {
    const c = fixture.client.db('idx').collection('unique');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x' });
    const error = await c.insertOne({ email: 'a@x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x' } });
    expect(String((error as Error).message)).toMatch(
      /E11000 duplicate key error collection: idx.unique index: email_1/,
    );
    const update = await c
      .insertOne({ email: 'b@x' })
      .then(() => c.updateOne({ email: 'b@x' }, { $set: { email: 'a@x' } }).catch((e: unknown) => e));
    expect(update).toMatchObject({ code: 11000 });
  });

  it('explains which index a query used', async () => {
    const c = fixture.client.db('idx').collection('planned');
    await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ k: i, other: i % 3 })));
    await c.createIndex({ k: 1 });
    const indexed = await c.find({ k: 5 }).explain('queryPlanner');
    expect(indexed.queryPlanner.winningPlan).toMatchObject({ stage: 'IXSCAN', indexName: 'k_1' });
    const scanned = await c.find({ other: 1 }).explain('executionStats');
    expect(scanned.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    expect(scanned.executionStats.nReturned).toBe(7);
    const aggregate = await c.aggregate([{ $match: { k: { $gt: 15 } } }]).explain();
    expect(aggregate.queryPlanner.winningPlan).toMatchObject({ stage: 'IXSCAN', indexName: 'k_1' });
  });
});

describe('catalog commands', () => {
  it('creates, lists, renames and drops collections with MongoDB error codes', async () => {
    const db = fixture.client.db('cat');
    await db.createCollection('a');
    await expect(db.createCollection('a')).rejects.toMatchObject({ code: 48 });
    const listed = await db.listCollections().toArray();
    expect(listed.map((c) => c.name)).toEqual(['a']);
    expect(listed[0]).toMatchObject({ type: 'collection', idIndex: { name: '_id_' } });
    await db.renameCollection('a', 'b');
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual(['b']);
    await expect(db.renameCollection('missing', 'c')).rejects.toMatchObject({ code: 26 });
    expect(await db.dropCollection('b')).toBe(true);
    expect(await db.command({ drop: 'b' })).toMatchObject({ ok: 1 });
    await db.collection('x').insertOne({});
    expect(await db.dropDatabase()).toBe(true);
    expect(await db.listCollections().toArray()).toEqual([]);
  });
});
