import { copyFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Decimal128, ObjectId } from 'bson';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { JournalEntry, Persistence, RecoveredState } from '../../../src/engine/persistence/types';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

function put(seq: number): JournalEntry {
  const doc = { _id: new ObjectId(), seq, amount: Decimal128.fromString(`${seq}.50`), name: `entry ${seq}` };
  return { seq, ops: [{ op: 'put', ns: 'app.items', doc }] };
}

async function openRecovered(dir: string): Promise<Persistence> {
  const persistence = await openDirectoryPersistence(dir);
  await persistence.recover();
  return persistence;
}

async function recoverOnce(dir: string, warnings: string[] = []): Promise<RecoveredState> {
  const persistence = await openDirectoryPersistence(dir, { onWarning: (message) => warnings.push(message) });
  try {
    return await persistence.recover();
  } finally {
    await persistence.close();
  }
}

async function onlyJournal(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((name) => name.startsWith('journal-'));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0]!);
}

/** Writes the entries one by one and returns the journal size after each of them. */
async function writeJournal(dir: string, entries: JournalEntry[]): Promise<number[]> {
  const persistence = await openRecovered(dir);
  const sizes: number[] = [];
  for (const entry of entries) {
    await persistence.append(entry);
    sizes.push(persistence.journalSize());
  }
  await persistence.close();
  return sizes;
}

test('a journal cut at any byte inside its last record keeps exactly the records before it', async () => {
  const dir = tempDir();
  const entries = [put(1), put(2), put(3)];
  const [, endOfSecond, endOfThird] = await writeJournal(dir, entries);
  const journal = await onlyJournal(dir);
  const pristine = path.join(dir, 'pristine');
  await copyFile(journal, pristine);

  for (let cut = endOfSecond! + 1; cut < endOfThird!; cut += 1) {
    await copyFile(pristine, journal);
    await truncate(journal, cut);
    const warnings: string[] = [];
    const recovered = await recoverOnce(dir, warnings);
    expect(recovered.entries).toEqual(entries.slice(0, 2));
    expect(recovered.report.truncatedBytes).toBe(cut - endOfSecond!);
    expect(recovered.report.problem).toMatch(/torn record/);
    expect(warnings).toEqual([expect.stringContaining(`cut ${cut - endOfSecond!} bytes`)]);
    expect((await stat(journal)).size).toBe(endOfSecond);
  }
});

test('after a truncated tail the journal accepts new appends and recovers them', async () => {
  const dir = tempDir();
  const [, endOfSecond, endOfThird] = await writeJournal(dir, [put(1), put(2), put(3)]);
  await truncate(await onlyJournal(dir), Math.floor((endOfSecond! + endOfThird!) / 2));

  const persistence = await openDirectoryPersistence(dir);
  const { entries } = await persistence.recover();
  expect(entries.map((entry) => entry.seq)).toEqual([1, 2]);
  await persistence.append(put(3));
  await persistence.close();

  const recovered = await recoverOnce(dir);
  expect(recovered.entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
  expect(recovered.report.truncatedBytes).toBe(0);
});

test('a flipped byte in the middle record drops that record and everything after it', async () => {
  const dir = tempDir();
  const entries = [put(1), put(2), put(3)];
  const [endOfFirst, endOfSecond, endOfThird] = await writeJournal(dir, entries);
  const journal = await onlyJournal(dir);
  const bytes = await readFile(journal);
  const middle = Math.floor((endOfFirst! + endOfSecond!) / 2);
  bytes[middle] = bytes[middle]! ^ 0xff;
  await writeFile(journal, bytes);

  const recovered = await recoverOnce(dir);
  expect(recovered.entries).toEqual(entries.slice(0, 1));
  expect(recovered.report.truncatedBytes).toBe(endOfThird! - endOfFirst!);
  expect(recovered.report.problem).toMatch(new RegExp(`checksum mismatch in record at offset ${endOfFirst}`));
  expect((await stat(journal)).size).toBe(endOfFirst);
});

test('a corrupt length or zero-filled tail is detected, not read as a record', async () => {
  const dir = tempDir();
  const [endOfFirst] = await writeJournal(dir, [put(1)]);
  const journal = await onlyJournal(dir);
  await writeFile(journal, Buffer.concat([await readFile(journal), Buffer.alloc(4096)]));

  const recovered = await recoverOnce(dir);
  expect(recovered.entries.map((entry) => entry.seq)).toEqual([1]);
  expect(recovered.report).toMatchObject({
    truncatedBytes: 4096,
    problem: expect.stringMatching(/invalid record length 0/),
  });
  expect((await stat(journal)).size).toBe(endOfFirst);
});

test('corruption in an older journal also discards the newer journal files', async () => {
  const dir = tempDir();
  const persistence = await openRecovered(dir);
  for (let seq = 1; seq <= 3; seq += 1) await persistence.append(put(seq));
  await persistence.checkpoint(1, []);
  await persistence.append(put(4));
  await persistence.close();
  const [older, newer] = (await readdir(dir)).filter((name) => name.startsWith('journal-')).sort();
  const olderPath = path.join(dir, older!);
  const bytes = await readFile(olderPath);
  // Offset 20 lies inside the first record's body.
  bytes[20] = bytes[20]! ^ 0x01;
  await writeFile(olderPath, bytes);
  const newerSize = (await stat(path.join(dir, newer!))).size;

  const recovered = await recoverOnce(dir);
  expect(recovered.entries).toEqual([]);
  expect(recovered.report).toMatchObject({ snapshotSeq: 1, truncatedBytes: bytes.length + newerSize });
  expect((await readdir(dir)).filter((name) => name.startsWith('journal-'))).toEqual([older]);
});
