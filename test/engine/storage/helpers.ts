import type { Document } from 'bson';
import { CommandError } from '../../../src/engine/errors';
import type { ReadView, ScanRequest, Storage } from '../../../src/engine/storage/api';

export async function insertAll(storage: Storage, ns: string, docs: Document[]): Promise<void> {
  const txn = storage.begin();
  for (const doc of docs) txn.insert(ns, doc);
  await txn.commit();
}

export function caught(action: () => unknown): CommandError {
  try {
    action();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected a CommandError');
}

export async function rejected(promise: Promise<unknown>): Promise<CommandError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected a CommandError');
}

/** The _id values a scan yields, in order. */
export function scanIds(view: ReadView, ns: string, request: ScanRequest): unknown[] {
  return [...view.scan(ns, request).docs].map((doc) => doc._id);
}
