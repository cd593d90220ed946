import type BTree from 'sorted-btree';
import type { Document } from 'bson';
import { CommandError } from '../errors';
import { decodeBody } from '../persistence/frame';
import { documentTree } from './bulk-build';

/**
 * A collection's documents as read back from a snapshot: their BSON bytes, decoded into the _id tree the
 * first time anything uses the collection. Most collections are not needed to answer the first requests
 * after a start, and bytes take a fraction of the memory of decoded documents. Once decoded, the bytes are
 * dropped: the tree is the truth from then on. Shared by the renamed copies of a collection.
 */
export class EncodedDocuments {
  private tree: BTree<unknown, Document> | undefined;
  private bodies: readonly Uint8Array[] | undefined;

  constructor(bodies: readonly Uint8Array[]) {
    this.bodies = bodies;
  }

  /** The BSON bodies while nothing has decoded them yet, for a snapshot to copy verbatim. */
  get encoded(): readonly Uint8Array[] | undefined {
    return this.bodies;
  }

  /** The _id tree, decoded now if it was not yet; a document that cannot be decoded is reported by name. */
  documents(ns: string): BTree<unknown, Document> {
    if (this.tree) return this.tree;
    const bodies = this.bodies ?? [];
    const docs = bodies.map((body, position) => decodeStored(ns, body, position));
    this.tree = documentTree(docs);
    this.bodies = undefined;
    return this.tree;
  }
}

function decodeStored(ns: string, body: Uint8Array, position: number): Document {
  try {
    return decodeBody(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandError(
      'DataCorruptionDetected',
      `Collection ${ns} holds a damaged document in the snapshot (document ${position + 1}: ${reason}); ` +
        'restore the data directory from a backup',
    );
  }
}
