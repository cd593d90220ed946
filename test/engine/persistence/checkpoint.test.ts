import { copyFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Long, ObjectId, type Document } from 'bson';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { CollectionImage, JournalEntry, Persistence } from '../../../src/engine/persistence/types';
import { recoverOnce } from './recover-once';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

function put(seq: number): JournalEntry {
  return { seq, ops: [{ op: 'put', ns: 'app.items', doc: { _id: seq, n: Long.fromNumber(seq) } }] };
}

function images(docCount: number): CollectionImage[] {
  const docs: Document[] = Array.from({ length: docCount }, (_, index) => ({
    _id: new ObjectId(),
    index,
    name: `item ${index}`,
    note: 'x'.repeat(80),
  }));
  return [
    {
      ns: 'app.items',
      options: { collation: { locale: 'fr' } },
      indexes: [{ name: 'name_1', key: { name: 1 }, unique: true }],
      docs,
    },
    { ns: 'app.empty', options: {}, indexes: [], docs: [] },
  ];
}

async function openRecovered(dir: string): Promise<Persistence> {
  const persistence = await openDirectoryPersistence(dir);
  await persistence.recover();
  return persistence;
}

async function journalFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('journal-')).sort();
}

test('recovery after a checkpoint gives the snapshot plus the entries appended after it', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  for (let seq = 1; seq <= 5; seq += 1) await persistence.append(put(seq));
  const collections = images(12_000);
  await persistence.checkpoint(5, collections);
  expect(persistence.journalSize()).toBe(0);
  await persistence.append(put(6));
  await persistence.append(put(7));
  await persistence.close();

  const recovered = await recoverOnce(dir);
  expect(recovered.report).toEqual({ snapshotSeq: 5, entriesReplayed: 2, truncatedBytes: 0 });
  expect(recovered.entries).toEqual([put(6), put(7)]);
  expect(recovered.collections.map(({ ns, options, indexes }) => ({ ns, options, indexes }))).toEqual(
    collections.map(({ ns, options, indexes }) => ({ ns, options, indexes })),
  );
  expect([...recovered.collections[0]!.docs]).toEqual(collections[0]!.docs);
  expect(await journalFiles(dir)).toHaveLength(1);
});

test('a crash after the snapshot rename but before the old journal is removed replays nothing twice', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  for (let seq = 1; seq <= 5; seq += 1) await persistence.append(put(seq));
  const [oldJournal] = await journalFiles(dir);
  await copyFile(path.join(dir, oldJournal!), path.join(dir, 'saved'));
  await persistence.checkpoint(5, images(10));
  await persistence.append(put(6));
  await persistence.close();
  await copyFile(path.join(dir, 'saved'), path.join(dir, oldJournal!));

  const recovered = await recoverOnce(dir);
  expect(recovered.report).toEqual({ snapshotSeq: 5, entriesReplayed: 1, truncatedBytes: 0 });
  expect(recovered.entries).toEqual([put(6)]);

  const reopened = await openRecovered(dir);
  await reopened.append(put(7));
  await reopened.checkpoint(7, images(3));
  await reopened.close();
  expect(await journalFiles(dir)).toHaveLength(1);
});

test('a crash before the snapshot rename recovers from the old snapshot and both journals', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  for (let seq = 1; seq <= 5; seq += 1) await persistence.append(put(seq));
  const [oldJournal] = await journalFiles(dir);
  await copyFile(path.join(dir, oldJournal!), path.join(dir, 'saved'));
  await persistence.checkpoint(5, images(10));
  await persistence.append(put(6));
  await persistence.close();
  // Put the directory back as it was just before the rename, with a half-written snapshot beside it.
  await copyFile(path.join(dir, 'saved'), path.join(dir, oldJournal!));
  await rm(path.join(dir, 'snapshot.bson'));
  await writeFile(path.join(dir, 'snapshot.bson.tmp'), Buffer.from('half a snapshot'));

  const recovered = await recoverOnce(dir);
  expect(recovered.report).toEqual({ snapshotSeq: 0, entriesReplayed: 6, truncatedBytes: 0 });
  expect(recovered.entries).toEqual([1, 2, 3, 4, 5, 6].map(put));
  expect((await readdir(dir)).filter((name) => name.includes('tmp'))).toEqual([]);
});

test('appends made while a checkpoint runs land after it, in order', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  const appends: Promise<void>[] = [];
  for (let seq = 1; seq <= 20; seq += 1) appends.push(persistence.append(put(seq)));
  const checkpoint = persistence.checkpoint(20, images(5_000));
  for (let seq = 21; seq <= 40; seq += 1) appends.push(persistence.append(put(seq)));
  await Promise.all([...appends, checkpoint]);
  await persistence.close();

  const recovered = await recoverOnce(dir);
  expect(recovered.report.snapshotSeq).toBe(20);
  expect(recovered.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 21));
});

test('a journal holding entries newer than the checkpoint is kept until a later checkpoint covers it', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  for (let seq = 1; seq <= 3; seq += 1) await persistence.append(put(seq));
  await persistence.checkpoint(1, images(1));
  await persistence.append(put(4));
  expect(await journalFiles(dir)).toHaveLength(2);
  await persistence.close();

  const recovered = await recoverOnce(dir);
  expect(recovered.entries.map((entry) => entry.seq)).toEqual([2, 3, 4]);
});

test('a damaged snapshot is refused with a clear error rather than silently ignored', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  await persistence.checkpoint(0, images(100));
  await persistence.close();
  await writeFile(path.join(dir, 'snapshot.bson'), Buffer.from('not a snapshot at all'));

  const reopened = await openDirectoryPersistence(dir);
  await expect(reopened.recover()).rejects.toThrow(/Snapshot .*snapshot\.bson is damaged/);
  await reopened.close();
});

test('a checkpoint that fails part-way leaves the previous state intact and appends keep working', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  await persistence.append(put(1));
  const circular: Document = { _id: 'loop' };
  circular.self = circular;
  const broken = [{ ns: 'app.items', options: {}, indexes: [], docs: [{ _id: 'fine' }, circular] }];
  await expect(persistence.checkpoint(1, broken)).rejects.toThrow(/circular/i);
  await persistence.append(put(2));
  await persistence.close();

  expect((await readdir(dir)).filter((name) => name.startsWith('snapshot'))).toEqual([]);
  const recovered = await recoverOnce(dir);
  expect(recovered.report.snapshotSeq).toBe(0);
  expect(recovered.entries).toEqual([put(1), put(2)]);
});
