import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ObjectId } from 'bson';
import { openDirectoryPersistence } from '../src/engine/persistence/directory';
import type { JournalEntry } from '../src/engine/persistence/types';

/*
 * Measures the persistence layer on this machine's disk:
 * - append throughput (each append fsynced) with 1 and 32 concurrent appenders (group commit);
 * - recovery time for 100,000 small documents from the journal alone and from a snapshot.
 * Usage: npx tsx scripts/bench-journal.ts [DIR_PARENT]
 */
const parent = process.argv[2] ?? tmpdir();

function entry(seq: number): JournalEntry {
  const doc = { _id: new ObjectId(), seq, name: `organisation ${seq}`, country: 'FR', createdAt: new Date() };
  return { seq, ops: [{ op: 'put', ns: 'bench.docs', doc }] };
}

async function withDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(parent, 'bench-journal-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function appendThroughput(appenders: number, total: number): Promise<void> {
  await withDir(async (dir) => {
    const persistence = await openDirectoryPersistence(dir);
    await persistence.recover();
    let next = 1;
    const started = performance.now();
    const worker = async (): Promise<void> => {
      while (next <= total) {
        const seq = next;
        next += 1;
        await persistence.append(entry(seq));
      }
    };
    await Promise.all(Array.from({ length: appenders }, worker));
    const seconds = (performance.now() - started) / 1000;
    await persistence.close();
    console.log(
      `append, ${appenders} concurrent: ${Math.round(total / seconds)} appends/s (${total} in ${seconds.toFixed(2)} s)`,
    );
  });
}

async function recoveryTime(count: number): Promise<void> {
  await withDir(async (dir) => {
    const writer = await openDirectoryPersistence(dir);
    await writer.recover();
    const appends: Promise<void>[] = [];
    for (let seq = 1; seq <= count; seq += 1) appends.push(writer.append(entry(seq)));
    await Promise.all(appends);
    const journalBytes = writer.journalSize();
    await writer.close();
    let started = performance.now();
    let reader = await openDirectoryPersistence(dir);
    const fromJournal = await reader.recover();
    const journalMs = performance.now() - started;
    const docs = fromJournal.entries.flatMap((e) => e.ops.flatMap((op) => (op.op === 'put' ? [op.doc] : [])));
    started = performance.now();
    await reader.checkpoint(count, [{ ns: 'bench.docs', options: {}, indexes: [], docs }]);
    const checkpointMs = performance.now() - started;
    await reader.close();
    started = performance.now();
    reader = await openDirectoryPersistence(dir);
    const fromSnapshot = await reader.recover();
    const snapshotMs = performance.now() - started;
    await reader.close();
    const snapshotDocs = [...fromSnapshot.collections[0]!.docs].length;
    console.log(
      `recover ${count} docs from journal (${(journalBytes / 1e6).toFixed(1)} MB): ${journalMs.toFixed(0)} ms`,
    );
    console.log(`checkpoint ${count} docs: ${checkpointMs.toFixed(0)} ms`);
    console.log(`recover ${snapshotDocs} docs from snapshot: ${snapshotMs.toFixed(0)} ms`);
  });
}

async function main(): Promise<void> {
  await appendThroughput(1, 2_000);
  await appendThroughput(32, 20_000);
  await recoveryTime(100_000);
}

void main();
