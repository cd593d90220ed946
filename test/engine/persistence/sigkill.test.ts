import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'bson';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { RecoveredState } from '../../../src/engine/persistence/types';
import { killHard, spawnFixture, waitForOutput } from './child-process';
import { recoverOnce } from './recover-once';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

/** Starts the appending child, kills it once it has acknowledged `acknowledged` seqs, returns them. */
async function appendThenKill(dir: string, acknowledged: number, checkpointEvery: number): Promise<number[]> {
  const child = spawnFixture('append-loop.ts', [dir, String(checkpointEvery)]);
  const snapshotWritten = (): boolean => checkpointEvery === 0 || existsSync(path.join(dir, 'snapshot.bson'));
  try {
    const lines = await waitForOutput(child, (output) => output.length >= acknowledged && snapshotWritten());
    return lines.map(Number);
  } finally {
    await killHard(child);
  }
}

/** Applies the puts of the snapshot and the journal, as the storage layer would. */
function documentIds(state: RecoveredState): number[] {
  const docs = new Map<unknown, Document>();
  for (const collection of state.collections) for (const doc of collection.docs) docs.set(doc._id, doc);
  for (const entry of state.entries) {
    for (const op of entry.ops) if (op.op === 'put') docs.set(op.doc._id, op.doc);
  }
  return [...docs.keys()].map(Number).sort((a, b) => a - b);
}

function expectPrefixCoveringAcknowledged(state: RecoveredState, acknowledged: number[]): void {
  const ids = documentIds(state);
  const k = ids.length;
  expect(ids).toEqual(Array.from({ length: k }, (_, index) => index + 1));
  expect(k).toBeGreaterThanOrEqual(Math.max(...acknowledged));
  const seqs = state.entries.map((entry) => entry.seq);
  expect(seqs).toEqual(
    Array.from({ length: seqs.length }, (_, index) => state.report.snapshotSeq + index + 1),
  );
}

test('every write acknowledged before a SIGKILL is recovered, as a prefix with nothing corrupt', async () => {
  const dir = tempDir();
  const acknowledged = await appendThenKill(dir, 400, 0);
  const state = await recoverOnce(dir);
  expect(state.report.snapshotSeq).toBe(0);
  expectPrefixCoveringAcknowledged(state, acknowledged);
  for (const entry of state.entries) {
    const op = entry.ops[0];
    expect(op?.op === 'put' && op.doc.payload).toBe(`document ${entry.seq} `.repeat(8));
  }
});

test('a SIGKILL during repeated checkpoints still recovers every acknowledged write', async () => {
  const dir = tempDir();
  const acknowledged = await appendThenKill(dir, 600, 97);
  const state = await recoverOnce(dir);
  expect(state.report.snapshotSeq).toBeGreaterThan(0);
  expectPrefixCoveringAcknowledged(state, acknowledged);

  // Run again on the recovered directory, as a restarted engine would, and recover once more.
  const reopened = await openDirectoryPersistence(dir);
  const before = await reopened.recover();
  const nextSeq = Math.max(before.report.snapshotSeq, ...before.entries.map((entry) => entry.seq)) + 1;
  await reopened.append({ seq: nextSeq, ops: [] });
  await reopened.close();
  expect((await recoverOnce(dir)).entries.at(-1)?.seq).toBe(nextSeq);
});
