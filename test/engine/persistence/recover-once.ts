import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { RecoveredState } from '../../../src/engine/persistence/types';

/** Opens the directory, recovers it and closes it again, with every snapshot document read while open. */
export async function recoverOnce(dir: string): Promise<RecoveredState> {
  const persistence = await openDirectoryPersistence(dir);
  try {
    const state = await persistence.recover();
    // Snapshot documents are read from the file, which closes with the persistence: read them now.
    const collections = state.collections.map((collection) => ({
      ...collection,
      docs: [...collection.docs],
      encoded: undefined,
    }));
    return { ...state, collections };
  } finally {
    await persistence.close();
  }
}
