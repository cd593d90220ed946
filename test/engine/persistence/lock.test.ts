import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import { killHard, spawnFixture, waitForOutput } from './child-process';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

test('a second open in the same process is refused, naming the directory and the holder pid', async () => {
  const dir = tempDir();
  const first = await openDirectoryPersistence(dir);
  const refusal = openDirectoryPersistence(dir);
  await expect(refusal).rejects.toThrow(`Data directory ${dir} is already in use by process ${process.pid}`);
  await first.close();

  const afterRelease = await openDirectoryPersistence(dir);
  await afterRelease.close();
  expect(await readdir(dir)).toEqual([]);
});

test('an engine in another process holds the lock until it is SIGKILLed, then the stale lock is taken over', async () => {
  const dir = tempDir();
  const child = spawnFixture('hold-lock.ts', [dir]);
  try {
    await waitForOutput(child, (lines) => lines.some((line) => line.startsWith('locked')));
    await expect(openDirectoryPersistence(dir)).rejects.toThrow(
      `Data directory ${dir} is already in use by process ${child.pid}`,
    );
  } finally {
    await killHard(child);
  }
  const takeover = await openDirectoryPersistence(dir);
  await takeover.recover();
  await takeover.append({ seq: 1, ops: [] });
  await takeover.close();
});

test('an unreadable lock file left by a crash is taken over', async () => {
  const dir = tempDir();
  await writeFile(path.join(dir, 'engine.lock'), '');
  const persistence = await openDirectoryPersistence(dir);
  await expect(openDirectoryPersistence(dir)).rejects.toThrow(/already in use/);
  await persistence.close();
});

test('the directory is created when missing', async () => {
  const dir = path.join(tempDir(), 'nested', 'data');
  const persistence = await openDirectoryPersistence(dir);
  await persistence.recover();
  await persistence.close();
  expect((await readdir(dir)).filter((name) => name.startsWith('journal-'))).toHaveLength(1);
});
