import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import { caught, insertAll, rejected, scanIds } from './helpers';

let storage: Storage;

beforeEach(async () => {
  storage = await openStorage({});
});

afterEach(async () => {
  await storage.close();
});

async function createIndex(
  ns: string,
  spec: Parameters<ReturnType<Storage['begin']>['createIndexes']>[1][0],
) {
  const txn = storage.begin();
  const result = txn.createIndexes(ns, [spec]);
  await txn.commit();
  return result;
}

describe('unique indexes (https://www.mongodb.com/docs/manual/core/index-unique/)', () => {
  it('refuses a duplicate with the E11000 message, keyPattern and keyValue', async () => {
    await createIndex('app.users', { name: 'email_1', key: { email: 1 }, unique: true });
    await insertAll(storage, 'app.users', [{ _id: 1, email: 'a@x.org' }]);
    const txn = storage.begin();
    const error = caught(() => txn.insert('app.users', { _id: 2, email: 'a@x.org' }));
    expect(error.code).toBe(11000);
    expect(error.message).toBe(
      'E11000 duplicate key error collection: app.users index: email_1 dup key: { email: "a@x.org" }',
    );
    expect(error.extra).toEqual({ keyPattern: { email: 1 }, keyValue: { email: 'a@x.org' } });
    expect(txn.count('app.users')).toBe(1);
    txn.abort();
  });

  it('counts missing fields as null, so two documents without the field clash', async () => {
    await createIndex('app.users', { name: 'email_1', key: { email: 1 }, unique: true });
    await insertAll(storage, 'app.users', [{ _id: 1 }]);
    const error = caught(() => storage.begin().insert('app.users', { _id: 2 }));
    expect(error.message).toContain('dup key: { email: null }');
  });

  it('lets a document keep its own key when replaced', async () => {
    await createIndex('app.users', { name: 'email_1', key: { email: 1 }, unique: true });
    await insertAll(storage, 'app.users', [{ _id: 1, email: 'a', n: 1 }]);
    const txn = storage.begin();
    txn.replace('app.users', { _id: 1 }, { _id: 1, email: 'a', n: 2 });
    await txn.commit();
    expect(storage.read().findById('app.users', 1)).toEqual({ _id: 1, email: 'a', n: 2 });
  });

  it('checks compound unique keys on the whole tuple', async () => {
    await createIndex('app.c', { name: 'a_1_b_1', key: { a: 1, b: 1 }, unique: true });
    await insertAll(storage, 'app.c', [
      { _id: 1, a: 1, b: 1 },
      { _id: 2, a: 1, b: 2 },
    ]);
    const error = caught(() => storage.begin().insert('app.c', { _id: 3, a: 1, b: 2 }));
    expect(error.message).toBe(
      'E11000 duplicate key error collection: app.c index: a_1_b_1 dup key: { a: 1, b: 2 }',
    );
  });

  it('refuses to build over existing duplicates', async () => {
    await insertAll(storage, 'app.users', [
      { _id: 1, email: 'a' },
      { _id: 2, email: 'a' },
    ]);
    const txn = storage.begin();
    expect(
      caught(() => txn.createIndexes('app.users', [{ name: 'email_1', key: { email: 1 }, unique: true }]))
        .code,
    ).toBe(11000);
    expect(txn.getCollection('app.users')?.indexes.map((i) => i.name)).toEqual(['_id_']);
    txn.abort();
  });

  it('counts a multikey value across documents but not within one document', async () => {
    await createIndex('app.tags', { name: 'tags_1', key: { tags: 1 }, unique: true });
    await insertAll(storage, 'app.tags', [{ _id: 1, tags: ['a', 'a', 'b'] }]);
    const error = caught(() => storage.begin().insert('app.tags', { _id: 2, tags: ['c', 'b'] }));
    expect(error.message).toContain('dup key: { tags: "b" }');
  });
});

describe('sparse and partial indexes', () => {
  it('skips documents without the field in a sparse unique index', async () => {
    await createIndex('app.s', { name: 'x_1', key: { x: 1 }, unique: true, sparse: true });
    await insertAll(storage, 'app.s', [{ _id: 1 }, { _id: 2 }, { _id: 3, x: 1 }]);
    expect(storage.read().count('app.s')).toBe(3);
    expect(caught(() => storage.begin().insert('app.s', { _id: 4, x: 1 })).code).toBe(11000);
  });

  it('enforces uniqueness only on documents matching partialFilterExpression', async () => {
    await createIndex('app.p', {
      name: 'email_1',
      key: { email: 1 },
      unique: true,
      partialFilterExpression: { active: true },
    });
    await insertAll(storage, 'app.p', [
      { _id: 1, email: 'a', active: false },
      { _id: 2, email: 'a', active: true },
    ]);
    expect(caught(() => storage.begin().insert('app.p', { _id: 3, email: 'a', active: true })).code).toBe(
      11000,
    );
  });
});

describe('multikey indexes', () => {
  it('indexes every element and yields each document once', async () => {
    await createIndex('app.m', { name: 'tags_1', key: { tags: 1 } });
    await insertAll(storage, 'app.m', [
      { _id: 1, tags: ['x', 'y'] },
      { _id: 2, tags: ['y'] },
      { _id: 3, tags: [] },
    ]);
    expect(scanIds(storage.read(), 'app.m', { filter: { tags: { $in: ['x', 'y'] } } }).sort()).toEqual([
      1, 2,
    ]);
  });

  it('indexes fields inside arrays of subdocuments', async () => {
    await createIndex('app.m', { name: 'items.sku_1', key: { 'items.sku': 1 } });
    await insertAll(storage, 'app.m', [
      { _id: 1, items: [{ sku: 'a' }, { sku: 'b' }] },
      { _id: 2, items: [{ sku: 'c' }] },
    ]);
    const result = storage.read().scan('app.m', { filter: { 'items.sku': 'b' } });
    expect([...result.docs].map((d) => d._id)).toEqual([1]);
    expect(result.plan.indexName).toBe('items.sku_1');
  });

  it('refuses parallel arrays in a compound index', async () => {
    await createIndex('app.m', { name: 'a_1_b_1', key: { a: 1, b: 1 } });
    expect(caught(() => storage.begin().insert('app.m', { a: [1], b: [2] })).message).toContain(
      'parallel arrays',
    );
  });
});

describe('createIndexes and dropIndexes', () => {
  it('is a no-op for the same name and spec, and reports counts', async () => {
    const first = await createIndex('app.i', { name: 'a_1', key: { a: 1 } });
    expect(first).toEqual({ numIndexesBefore: 1, numIndexesAfter: 2, createdCollectionAutomatically: true });
    const again = await createIndex('app.i', { name: 'a_1', key: { a: 1 } });
    expect(again).toEqual({ numIndexesBefore: 2, numIndexesAfter: 2, createdCollectionAutomatically: false });
  });

  it('answers 85 and 86 for clashing specs', async () => {
    await createIndex('app.i', { name: 'a_1', key: { a: 1 } });
    const txn = storage.begin();
    expect(
      caught(() => txn.createIndexes('app.i', [{ name: 'a_1', key: { a: 1 }, unique: true }])).code,
    ).toBe(85);
    expect(caught(() => txn.createIndexes('app.i', [{ name: 'a_1', key: { b: 1 } }])).code).toBe(86);
    expect(caught(() => txn.createIndexes('app.i', [{ name: 'other', key: { a: 1 } }])).code).toBe(85);
    txn.abort();
  });

  it('drops by name or all but _id_, with MongoDB errors', async () => {
    await createIndex('app.i', { name: 'a_1', key: { a: 1 } });
    await createIndex('app.i', { name: 'b_1', key: { b: 1 } });
    const txn = storage.begin();
    expect(caught(() => txn.dropIndexes('app.i', ['_id_'])).code).toBe(72);
    expect(caught(() => txn.dropIndexes('app.i', ['nope'])).code).toBe(27);
    expect(caught(() => txn.dropIndexes('app.none', ['a_1'])).code).toBe(26);
    expect(txn.dropIndexes('app.i', ['a_1'])).toBe(3);
    expect(txn.dropIndexes('app.i', '*')).toBe(2);
    await txn.commit();
    expect(
      storage
        .read()
        .getCollection('app.i')
        ?.indexes.map((i) => i.name),
    ).toEqual(['_id_']);
  });

  it('re-checks a unique index at commit against documents committed meanwhile', async () => {
    await createIndex('app.u', { name: 'e_1', key: { e: 1 }, unique: true });
    const first = storage.begin();
    const second = storage.begin();
    first.insert('app.u', { _id: 1, e: 'same' });
    second.insert('app.u', { _id: 2, e: 'same' });
    await first.commit();
    expect((await rejected(second.commit())).code).toBe(11000);
    expect(storage.read().count('app.u')).toBe(1);
  });
});
