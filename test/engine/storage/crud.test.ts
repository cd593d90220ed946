import { ObjectId } from 'bson';
import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import { CommandError } from '../../../src/engine/errors';

let storage: Storage;

beforeEach(async () => {
  storage = await openStorage({});
});

afterEach(async () => {
  await storage.close();
});

async function insertAll(ns: string, docs: Record<string, unknown>[]): Promise<void> {
  const txn = storage.begin();
  for (const doc of docs) txn.insert(ns, doc);
  await txn.commit();
}

function caught(action: () => unknown): CommandError {
  try {
    action();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected a CommandError');
}

describe('documents', () => {
  it('inserts, finds by _id, replaces and removes', async () => {
    await insertAll('app.people', [
      { _id: 1, name: 'Ada' },
      { _id: 2, name: 'Bob' },
    ]);
    const view = storage.read();
    expect(view.findById('app.people', 1)).toEqual({ _id: 1, name: 'Ada' });
    expect(view.count('app.people')).toBe(2);

    const txn = storage.begin();
    const ada = txn.findById('app.people', 1);
    if (!ada) throw new Error('missing');
    txn.replace('app.people', ada, { name: 'Ada L.' });
    txn.remove('app.people', { _id: 2 });
    await txn.commit();

    expect(storage.read().findById('app.people', 1)).toEqual({ _id: 1, name: 'Ada L.' });
    expect(storage.read().findById('app.people', 2)).toBeUndefined();
    expect(storage.read().count('app.people')).toBe(1);
    expect(view.count('app.people')).toBe(2);
  });

  it('assigns an ObjectId when _id is missing and creates the collection implicitly', async () => {
    await insertAll('app.things', [{ x: 1 }]);
    const [doc] = [...storage.read().scan('app.things', { filter: {} }).docs];
    expect(doc._id).toBeInstanceOf(ObjectId);
    expect(
      storage
        .read()
        .listCollections('app')
        .map((c) => c.name),
    ).toEqual(['things']);
    expect(storage.read().listDatabases()).toEqual(['app']);
  });

  it('treats numerically equal _id values as the same key', async () => {
    await insertAll('app.n', [{ _id: 1 }]);
    const txn = storage.begin();
    const error = caught(() => txn.insert('app.n', { _id: 1.0 }));
    expect(error.code).toBe(11000);
    expect(error.message).toBe(
      'E11000 duplicate key error collection: app.n index: _id_ dup key: { _id: 1 }',
    );
    expect(error.extra).toEqual({ keyPattern: { _id: 1 }, keyValue: { _id: 1 } });
    txn.abort();
  });

  it('refuses to change _id on replace', async () => {
    await insertAll('app.n', [{ _id: 1 }]);
    const txn = storage.begin();
    expect(caught(() => txn.replace('app.n', { _id: 1 }, { _id: 2 })).code).toBe(66);
    txn.abort();
  });

  it('rejects array _id values', () => {
    const txn = storage.begin();
    expect(caught(() => txn.insert('app.n', { _id: [1] })).code).toBe(53);
    txn.abort();
  });

  it('discards the writes of an aborted transaction', async () => {
    await insertAll('app.n', [{ _id: 1 }]);
    const txn = storage.begin();
    txn.insert('app.n', { _id: 2 });
    txn.remove('app.n', { _id: 1 });
    txn.abort();
    expect(txn.active).toBe(false);
    expect(storage.read().count('app.n')).toBe(1);
    expect(storage.read().findById('app.n', 1)).toEqual({ _id: 1 });
  });
});
