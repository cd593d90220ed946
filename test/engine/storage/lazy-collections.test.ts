import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Document } from 'bson';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { Storage } from '../../../src/engine/storage/api';
import type { EngineStorage } from '../../../src/engine/storage/storage';
import type { IndexSpec } from '../../../src/engine/storage/types';
import { caught, scanIds } from './helpers';
import { eagerStorage, fixtureImages, imagesWithDamage, openDir, writeSnapshotDir } from './lazy-fixture';

let dir: string;
const now = Date.now();

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lazy-collections-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function errorOf(action: () => unknown): Document {
  const { code, message, extra } = caught(action);
  return { code, message, extra };
}

/** Everything a client can observe of the fixture's collections, before and after writes through them. */
async function observe(storage: Storage): Promise<Document> {
  const seen: Document = {};
  const view = storage.read();
  seen.collections = view.listCollections('app');
  seen.bySlug = scanIds(view, 'app.orgs', { filter: { slug: 'org-3' } });
  seen.even = scanIds(view, 'app.orgs', { filter: { tags: 'even' } });
  const sorted = view.scan('app.orgs', { filter: {}, sort: { n: -1 } });
  seen.sorted = { plan: sorted.plan, docs: [...sorted.docs] };
  seen.multikeySort = view.scan('app.orgs', { filter: {}, sort: { tags: 1 } }).plan;
  seen.byId = view.findById('app.orgs', 8);
  seen.counts = ['app.orgs', 'app.sessions', 'app.saved'].map((ns) => view.count(ns));
  seen.saved = view.findById('app.saved', 'directory');
  seen.duplicate = errorOf(() => storage.begin().insert('app.orgs', { _id: 99, slug: 'org-3' }));
  seen.uniqueIndexOnDuplicates = errorOf(() =>
    storage.begin().createIndexes('app.orgs', [{ name: 'tags_u', key: { tags: 1 }, unique: true }]),
  );

  const change = storage.begin();
  change.replace('app.orgs', { _id: 2 }, { slug: 'org-new-2', n: 20, tags: ['changed'] });
  change.remove('app.orgs', { _id: 4 });
  change.insert('app.orgs', { _id: 13, slug: 'org-13', n: 30, tags: ['even'] });
  change.renameCollection('app.saved', 'app.savedCopy', false);
  await change.commit();

  const holder = storage.begin();
  holder.replace('app.orgs', { _id: 1 }, { slug: 'held', n: 0, tags: [] });
  seen.conflict = errorOf(() => storage.begin().remove('app.orgs', { _id: 1 }));
  holder.abort();

  seen.expired = await (storage as EngineStorage).sweepExpired(now);
  const after = storage.read();
  seen.afterWrites = {
    orgs: [...after.scan('app.orgs', { filter: {} }).docs],
    even: scanIds(after, 'app.orgs', { filter: { tags: 'even' } }),
    sorted: scanIds(after, 'app.orgs', { filter: {}, sort: { n: -1 } }),
    sessions: scanIds(after, 'app.sessions', { filter: {} }),
    renamed: after.findById('app.savedCopy', 'directory'),
    collections: after.listCollections('app').map((info) => info.name),
  };
  return seen;
}

describe('collections read back from a snapshot, decoded on first use', () => {
  it('answer reads, writes, unique checks, transactions and TTL exactly as collections built in memory', async () => {
    await writeSnapshotDir(dir, fixtureImages(now));
    const lazy = await openDir(dir);
    const eager = await eagerStorage(fixtureImages(now));
    const expected = await observe(eager);
    expect(await observe(lazy)).toEqual(expected);
    expect(expected.expired).toBe(2);
    expect(expected.duplicate).toMatchObject({ code: 11000 });
    expect(expected.conflict).toMatchObject({ code: 112 });
    await Promise.all([lazy.close(), eager.close()]);
  });

  it('replay a journal written on top of them', async () => {
    await writeSnapshotDir(dir, fixtureImages(now));
    const first = await openDir(dir);
    const write = first.begin();
    write.insert('app.orgs', { _id: 20, slug: 'org-20', n: 1, tags: ['odd'] });
    write.remove('app.orgs', { _id: 5 });
    await write.commit();
    await first.close();

    const second = await openDir(dir);
    expect(second.recovery).toMatchObject({ snapshotSeq: 7, entriesReplayed: 1 });
    const view = second.read();
    expect(view.findById('app.orgs', 5)).toBeUndefined();
    expect(scanIds(view, 'app.orgs', { filter: { slug: 'org-20' } })).toEqual([20]);
    expect(view.count('app.orgs')).toBe(12);
    const [saved] = [...(fixtureImages(now).find((image) => image.ns === 'app.saved')?.docs ?? [])];
    expect(view.findById('app.saved', 'directory')).toEqual(saved);
    await second.close();
  });

  it('are copied verbatim into a new snapshot while unused, and read back intact', async () => {
    await writeSnapshotDir(dir, imagesWithDamage(now));
    const first = await openDir(dir, 1);
    const write = first.begin();
    write.insert('app.orgs', { _id: 20, slug: 'org-20', n: 1, tags: ['odd'] });
    await write.commit();
    await first.close();

    const second = await openDir(dir);
    // The checkpoint covered the write: nothing is left to replay.
    expect(second.recovery).toMatchObject({ snapshotSeq: 8, entriesReplayed: 0 });
    const view = second.read();
    expect(view.count('app.orgs')).toBe(13);
    const eager = await eagerStorage(fixtureImages(now));
    for (const ns of ['app.sessions', 'app.saved']) {
      expect([...view.scan(ns, { filter: {} }).docs]).toEqual([
        ...eager.read().scan(ns, { filter: {} }).docs,
      ]);
    }
    // The damaged document was carried over as it was, never decoded: still reported at first use.
    expect(caught(() => view.findById('app.broken', 1))).toMatchObject({ code: 12 });
    await Promise.all([second.close(), eager.close()]);
  });

  it('take index creations and drops replayed from the journal without decoding', async () => {
    await writeSnapshotDir(dir, imagesWithDamage(now));
    const persistence = await openDirectoryPersistence(dir);
    await persistence.recover();
    const unique = { name: 'n_1', key: { n: 1 as const }, unique: true };
    await persistence.append({
      seq: 8,
      ops: [
        { op: 'createIndex', ns: 'app.broken', spec: { name: 'fine_1', key: { fine: 1 } } },
        { op: 'createIndex', ns: 'app.broken', spec: { name: 'other_1', key: { other: 1 } } },
        { op: 'dropIndex', ns: 'app.broken', name: 'fine_1' },
        { op: 'createIndex', ns: 'app.orgs', spec: unique },
      ],
    });
    await persistence.close();

    const storage = await openDir(dir);
    expect(storage.recovery).toMatchObject({ entriesReplayed: 1 });
    const view = storage.read();
    expect(view.getCollection('app.broken')?.indexes.map((spec) => spec.name)).toEqual(['_id_', 'other_1']);
    expect(caught(() => view.findById('app.broken', 1))).toMatchObject({ code: 12 });
    // The replayed unique index is built when first needed, and refuses a duplicate then.
    expect(caught(() => storage.begin().insert('app.orgs', { _id: 50, slug: 'new', n: 5 }))).toMatchObject({
      code: 11000,
      extra: { keyPattern: { n: 1 } },
    });
    expect(scanIds(view, 'app.orgs', { filter: { n: { $gte: 11 } }, hint: 'n_1' })).toEqual([10, 5]);
    await storage.close();
  });

  it('take an index that can refuse no document without decoding, and decode to check one that can', async () => {
    await writeSnapshotDir(dir, imagesWithDamage(now));
    const storage = await openDir(dir);
    const plain = storage.begin();
    plain.createIndexes('app.broken', [{ name: 'fine_1', key: { fine: 1 } }]);
    await plain.commit();
    expect(
      storage
        .read()
        .getCollection('app.broken')
        ?.indexes.map((spec) => spec.name),
    ).toContain('fine_1');
    const checked: IndexSpec[] = [
      { name: 'other_u', key: { other: 1 }, unique: true },
      { name: 'fine_other', key: { fine: 1, other: 1 } },
    ];
    for (const spec of checked) {
      expect(caught(() => storage.begin().createIndexes('app.broken', [spec]))).toMatchObject({ code: 12 });
    }
    await storage.close();
  });

  it('report a damaged document when first used, naming the collection, and leave the others usable', async () => {
    await writeSnapshotDir(dir, imagesWithDamage(now));
    const storage = await openDir(dir);
    expect(scanIds(storage.read(), 'app.orgs', { filter: { slug: 'org-3' } })).toEqual([6]);
    for (const use of [
      () => storage.read().scan('app.broken', { filter: {} }),
      () => storage.read().findById('app.broken', 1),
      () => storage.begin().insert('app.broken', { _id: 2 }),
    ]) {
      const error = caught(use);
      expect(error).toMatchObject({ code: 12, codeName: 'DataCorruptionDetected' });
      expect(error.message).toContain('Collection app.broken holds a damaged document in the snapshot');
      expect(error.message).toContain('document 2');
    }
    expect(
      storage
        .read()
        .listCollections('app')
        .map((info) => info.name),
    ).toContain('broken');
    // Counting all documents reads no document, as MongoDB answers it from the collection's metadata.
    expect(storage.read().count('app.broken')).toBe(2);
    await storage.close();
  });
});
