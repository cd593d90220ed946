import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import { caught, insertAll, rejected } from './helpers';

let storage: Storage;
const ns = 'app.accounts';

beforeEach(async () => {
  storage = await openStorage({});
  await insertAll(storage, ns, [
    { _id: 1, balance: 10 },
    { _id: 2, balance: 20 },
  ]);
});

afterEach(async () => {
  await storage.close();
});

describe('snapshot isolation (https://www.mongodb.com/docs/manual/core/read-isolation-consistency-recency/)', () => {
  it('does not see commits made after it began, and sees its own writes', async () => {
    const txn = storage.begin();
    await insertAll(storage, ns, [{ _id: 3, balance: 30 }]);
    expect(txn.findById(ns, 3)).toBeUndefined();
    expect(txn.count(ns)).toBe(2);
    txn.insert(ns, { _id: 4, balance: 40 });
    expect(txn.findById(ns, 4)).toEqual({ _id: 4, balance: 40 });
    expect([...txn.scan(ns, { filter: {} }).docs].map((d) => d._id)).toEqual([1, 2, 4]);
    expect(storage.read().findById(ns, 4)).toBeUndefined();
    await txn.commit();
    expect(storage.read().count(ns)).toBe(4);
  });

  it('keeps a read view stable while others commit', async () => {
    const view = storage.read();
    const txn = storage.begin();
    txn.remove(ns, { _id: 1 });
    await txn.commit();
    expect(view.findById(ns, 1)).toEqual({ _id: 1, balance: 10 });
    expect(storage.read().findById(ns, 1)).toBeUndefined();
  });

  it('commits several documents atomically', async () => {
    const txn = storage.begin();
    txn.replace(ns, { _id: 1 }, { balance: 5 });
    txn.replace(ns, { _id: 2 }, { balance: 25 });
    const before = storage.read();
    await txn.commit();
    expect(before.findById(ns, 1)?.balance).toBe(10);
    expect(storage.read().findById(ns, 1)?.balance).toBe(5);
    expect(storage.read().findById(ns, 2)?.balance).toBe(25);
  });
});

describe('writing while scanning', () => {
  it('visits each document once even when the writes move it in the scanned index', async () => {
    const setup = storage.begin();
    setup.createIndexes(ns, [{ name: 'balance_1', key: { balance: 1 } }]);
    await setup.commit();
    const txn = storage.begin();
    txn.insert(ns, { _id: 3, balance: 30 });
    const seen: unknown[] = [];
    for (const doc of txn.scan(ns, { filter: { balance: { $gte: 0 } }, sort: { balance: 1 } }).docs) {
      seen.push(doc._id);
      txn.replace(ns, doc, { ...doc, balance: doc.balance + 100 });
    }
    expect(seen).toEqual([1, 2, 3]);
    await txn.commit();
    expect([...storage.read().scan(ns, { filter: {} }).docs].map((d) => d.balance)).toEqual([110, 120, 130]);
  });
});

describe('write conflicts (https://www.mongodb.com/docs/manual/core/transactions-production-consideration/)', () => {
  it('refuses at write time a document another open transaction wrote: first writer wins', async () => {
    const first = storage.begin();
    const second = storage.begin();
    first.replace(ns, { _id: 1 }, { balance: 11 });
    const error = caught(() => second.replace(ns, { _id: 1 }, { balance: 12 }));
    expect(error.code).toBe(112);
    expect(error.codeName).toBe('WriteConflict');
    expect(error.extra.errorLabels).toEqual(['TransientTransactionError']);
    second.replace(ns, { _id: 2 }, { balance: 21 });
    await first.commit();
    await second.commit();
    expect(storage.read().findById(ns, 1)?.balance).toBe(11);
    expect(storage.read().findById(ns, 2)?.balance).toBe(21);
  });

  it('refuses at write time a document committed by someone else after the snapshot', async () => {
    const txn = storage.begin();
    const other = storage.begin();
    other.remove(ns, { _id: 2 });
    await other.commit();
    expect(caught(() => txn.replace(ns, { _id: 2 }, { balance: 0 })).code).toBe(112);
  });

  it('tells a waiting writer when the transaction holding its document ends', async () => {
    const holder = storage.begin();
    holder.replace(ns, { _id: 1 }, { balance: 11 });
    let woken = false;
    const waiting = storage.whenTransactionEnds().then(() => {
      woken = true;
    });
    await Promise.resolve();
    expect(woken).toBe(false);
    await holder.commit();
    await waiting;
    const retry = storage.begin();
    retry.replace(ns, { _id: 1 }, { balance: 12 });
    await retry.commit();
    expect(storage.read().findById(ns, 1)?.balance).toBe(12);
  });

  it('lets the lock go when a transaction aborts', () => {
    const first = storage.begin();
    first.replace(ns, { _id: 1 }, { balance: 11 });
    first.abort();
    const second = storage.begin();
    expect(() => second.replace(ns, { _id: 1 }, { balance: 12 })).not.toThrow();
    second.abort();
  });

  it('refuses at commit time a collection created by someone else meanwhile', async () => {
    const txn = storage.begin();
    txn.insert('app.new', { _id: 1 });
    const other = storage.begin();
    other.insert('app.new', { _id: 2 });
    await other.commit();
    const error = await rejected(txn.commit());
    expect(error.code).toBe(112);
    expect(storage.read().count('app.new')).toBe(1);
  });

  it('refuses writes and a second commit once finished', async () => {
    const txn = storage.begin();
    await txn.commit();
    expect(txn.active).toBe(false);
    expect(caught(() => txn.insert(ns, { _id: 9 })).code).toBe(251);
    expect((await rejected(txn.commit())).code).toBe(251);
  });

  it('leaves a transaction unchanged when a write throws', async () => {
    const txn = storage.begin();
    expect(caught(() => txn.insert(ns, { _id: 1 })).code).toBe(11000);
    txn.insert(ns, { _id: 5 });
    await txn.commit();
    expect(storage.read().count(ns)).toBe(3);
  });
});
