import { open } from 'node:fs/promises';
import path from 'node:path';
import { ObjectId, type Document } from 'bson';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import { SNAPSHOT_FILE_NAME } from '../../../src/engine/persistence/snapshot';
import type { CollectionImage } from '../../../src/engine/persistence/types';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

const docsOf = (ns: string, count: number): Document[] =>
  Array.from({ length: count }, (_, index) => ({ _id: new ObjectId(), ns, index, note: 'y'.repeat(40) }));

async function withSnapshot(dir: string, collections: CollectionImage[]): Promise<void> {
  const persistence = await openDirectoryPersistence(dir);
  await persistence.recover();
  await persistence.checkpoint(1, collections);
  await persistence.close();
}

/** A persistence recovered from a fresh snapshot of `count` items, with the collections still in the file. */
async function recoveredItems(dir: string, count: number) {
  await withSnapshot(dir, [{ ns: 'app.items', options: {}, indexes: [], docs: docsOf('items', count) }]);
  const persistence = await openDirectoryPersistence(dir);
  return { persistence, recovered: await persistence.recover() };
}

describe('documents left in the snapshot file until first used', () => {
  it('are read from the file a start opened, even after a checkpoint renamed a new snapshot over it', async () => {
    const dir = tempDir();
    const items = docsOf('items', 300);
    const others = docsOf('others', 20);
    await withSnapshot(dir, [
      { ns: 'app.items', options: {}, indexes: [], docs: items },
      { ns: 'app.others', options: {}, indexes: [], docs: others },
    ]);

    const persistence = await openDirectoryPersistence(dir);
    const recovered = await persistence.recover();
    expect(recovered.collections.map((collection) => collection.encoded?.length)).toEqual([300, 20]);
    // The untouched collections go into the next snapshot as they are, read from the first file.
    await persistence.checkpoint(2, recovered.collections);
    expect([...recovered.collections[0]!.docs]).toEqual(items);
    await persistence.close();

    const again = await openDirectoryPersistence(dir);
    const second = await again.recover();
    expect([...second.collections[0]!.docs]).toEqual(items);
    expect([...second.collections[1]!.docs]).toEqual(others);
    await again.close();
  });

  it('refuses bytes that changed in the file after the start checked them', async () => {
    const dir = tempDir();
    const { persistence, recovered } = await recoveredItems(dir, 50);
    const handle = await open(path.join(dir, SNAPSHOT_FILE_NAME), 'r+');
    const { size } = await handle.stat();
    await handle.write(Buffer.from('tampered'), 0, 8, Math.floor(size / 2));
    await handle.close();

    expect(() => [...recovered.collections[0]!.docs]).toThrow(/changed since it was read/);
    await persistence.close();
  });

  it('cannot be read once the persistence is closed', async () => {
    const { persistence, recovered } = await recoveredItems(tempDir(), 5);
    await persistence.close();
    expect(() => [...recovered.collections[0]!.docs]).toThrow(/was closed before its collections were read/);
  });
});
