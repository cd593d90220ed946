import { open } from 'node:fs/promises';
import path from 'node:path';

/** Makes a file's creation, rename or removal durable: on Linux that needs an fsync of its directory. */
export async function fsyncDirectory(filePathInside: string): Promise<void> {
  const handle = await open(path.dirname(filePathInside), 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
