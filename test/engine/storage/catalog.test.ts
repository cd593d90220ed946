import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import { caught, insertAll } from './helpers';

let storage: Storage;

beforeEach(async () => {
  storage = await openStorage({});
});

afterEach(async () => {
  await storage.close();
});

describe('collections (https://www.mongodb.com/docs/manual/reference/command/create/)', () => {
  it('creates with options and answers NamespaceExists for a second create', async () => {
    const txn = storage.begin();
    txn.createCollection('app.c', { validationLevel: 'off' });
    expect(caught(() => txn.createCollection('app.c', {})).code).toBe(48);
    await txn.commit();
    expect(storage.read().getCollection('app.c')).toEqual({
      name: 'c',
      options: { validationLevel: 'off' },
      indexes: [{ name: '_id_', key: { _id: 1 } }],
    });
  });

  it('refuses capped collections and invalid names clearly', () => {
    const txn = storage.begin();
    expect(caught(() => txn.createCollection('app.c', { capped: true, size: 100 })).message).toContain(
      'capped',
    );
    expect(caught(() => txn.createCollection('app.a$b', {})).code).toBe(73);
    expect(caught(() => txn.createCollection('bad db.c', {})).code).toBe(73);
    txn.abort();
  });

  it('drops a collection, answering false when it is missing', async () => {
    await insertAll(storage, 'app.c', [{ _id: 1 }]);
    const txn = storage.begin();
    expect(txn.dropCollection('app.c')).toBe(true);
    expect(txn.dropCollection('app.c')).toBe(false);
    await txn.commit();
    expect(storage.read().getCollection('app.c')).toBeUndefined();
    expect(storage.read().listDatabases()).toEqual([]);
  });

  it('drops a whole database and lists what remains', async () => {
    await insertAll(storage, 'one.a', [{ _id: 1 }]);
    await insertAll(storage, 'one.b', [{ _id: 1 }]);
    await insertAll(storage, 'two.a', [{ _id: 1 }]);
    const txn = storage.begin();
    txn.dropDatabase('one');
    await txn.commit();
    expect(storage.read().listDatabases()).toEqual(['two']);
    expect(storage.read().listCollections('one')).toEqual([]);
  });
});

describe('renameCollection (https://www.mongodb.com/docs/manual/reference/command/renameCollection/)', () => {
  it('moves documents and indexes', async () => {
    const setup = storage.begin();
    setup.createIndexes('app.a', [{ name: 'x_1', key: { x: 1 }, unique: true }]);
    setup.insert('app.a', { _id: 1, x: 1 });
    await setup.commit();
    const txn = storage.begin();
    txn.renameCollection('app.a', 'app.b', false);
    await txn.commit();
    const view = storage.read();
    expect(view.getCollection('app.a')).toBeUndefined();
    expect(view.findById('app.b', 1)).toEqual({ _id: 1, x: 1 });
    expect(view.scan('app.b', { filter: { x: 1 } }).plan.indexName).toBe('x_1');
    expect(caught(() => storage.begin().insert('app.b', { _id: 2, x: 1 })).message).toContain(
      'collection: app.b index: x_1',
    );
  });

  it('answers 26 for a missing source, 48 for an existing target, 20 for itself', async () => {
    await insertAll(storage, 'app.a', [{ _id: 1 }]);
    await insertAll(storage, 'app.b', [{ _id: 2 }]);
    const txn = storage.begin();
    expect(caught(() => txn.renameCollection('app.none', 'app.z', false)).code).toBe(26);
    expect(caught(() => txn.renameCollection('app.a', 'app.b', false)).code).toBe(48);
    expect(caught(() => txn.renameCollection('app.a', 'app.a', false)).code).toBe(20);
    txn.renameCollection('app.a', 'app.b', true);
    await txn.commit();
    expect(storage.read().findById('app.b', 1)).toEqual({ _id: 1 });
    expect(storage.read().count('app.b')).toBe(1);
  });
});
