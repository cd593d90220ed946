import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import { caught, insertAll } from './helpers';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storage-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function reopen(checkpointBytes?: number): Promise<Storage> {
  return openStorage({ persistence: await openDirectoryPersistence(dir), checkpointBytes });
}

describe('storage on a directory', () => {
  it('finds every committed change again after a reopen, indexes rebuilt', async () => {
    const first = await reopen();
    const setup = first.begin();
    setup.createIndexes('app.users', [{ name: 'email_1', key: { email: 1 }, unique: true }]);
    setup.createCollection('app.empty', { comment: 'kept' });
    await setup.commit();
    await insertAll(first, 'app.users', [
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
      { _id: 3, email: 'c' },
    ]);
    const change = first.begin();
    change.replace('app.users', { _id: 1 }, { email: 'z' });
    change.remove('app.users', { _id: 2 });
    change.renameCollection('app.empty', 'app.renamed', false);
    await change.commit();
    await first.close();

    const second = await reopen();
    const view = second.read();
    expect(second.recovery).toMatchObject({ truncatedBytes: 0 });
    expect(view.listCollections('app').map((c) => c.name)).toEqual(['renamed', 'users']);
    expect(view.getCollection('app.renamed')?.options).toEqual({ comment: 'kept' });
    expect([...view.scan('app.users', { filter: {} }).docs]).toEqual([
      { _id: 1, email: 'z' },
      { _id: 3, email: 'c' },
    ]);
    expect(view.scan('app.users', { filter: { email: 'c' } }).plan.indexName).toBe('email_1');
    expect(caught(() => second.begin().insert('app.users', { _id: 4, email: 'c' })).code).toBe(11000);
    await second.close();
  });

  it('snapshots once the journal grows past the threshold and recovers from the snapshot', async () => {
    const first = await reopen(1024);
    for (let i = 0; i < 40; i++) await insertAll(first, 'app.log', [{ _id: i, text: 'x'.repeat(100) }]);
    while (!(await readdir(dir)).some((name) => name.startsWith('snapshot'))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await first.close();

    const second = await reopen(1024);
    expect(second.recovery?.snapshotSeq).toBeGreaterThan(0);
    expect(second.read().count('app.log')).toBe(40);
    await insertAll(second, 'app.log', [{ _id: 40 }]);
    await second.close();

    const third = await reopen();
    expect(third.read().count('app.log')).toBe(41);
    await third.close();
  });

  it('keeps every concurrent commit when snapshots are taken between them', async () => {
    const first = await reopen(2048);
    const commits: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      const txn = first.begin();
      txn.insert('app.many', { _id: i, text: 'y'.repeat(50) });
      commits.push(txn.commit());
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(commits);
    await first.close();
    const second = await reopen();
    expect(second.recovery?.snapshotSeq).toBeGreaterThan(0);
    expect(second.read().count('app.many')).toBe(300);
    await second.close();
  });

  it('folds a long journal into a snapshot on close, but not a short one', async () => {
    const first = await reopen(64 * 1024);
    await insertAll(first, 'app.a', [{ _id: 1 }]);
    await first.close();
    expect((await readdir(dir)).some((name) => name.startsWith('snapshot'))).toBe(false);
    const second = await reopen(64 * 1024);
    await insertAll(
      second,
      'app.a',
      Array.from({ length: 100 }, (_, i) => ({ _id: i + 2, text: 'z'.repeat(100) })),
    );
    await second.close();
    const third = await reopen();
    expect(third.recovery).toMatchObject({ entriesReplayed: 0 });
    expect(third.recovery?.snapshotSeq).toBeGreaterThan(0);
    expect(third.read().count('app.a')).toBe(101);
    await third.close();
  });

  it('does not journal an aborted transaction', async () => {
    const first = await reopen();
    await insertAll(first, 'app.a', [{ _id: 1 }]);
    const txn = first.begin();
    txn.insert('app.a', { _id: 2 });
    txn.abort();
    await first.close();
    const second = await reopen();
    expect(second.read().count('app.a')).toBe(1);
    await second.close();
  });
});
