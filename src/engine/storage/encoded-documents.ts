import type BTree from 'sorted-btree';
import type { Document } from 'bson';
import { CommandError } from '../errors';
import { decodeBody } from '../persistence/frame';
import type { EncodedBodies } from '../persistence/stored-bodies';
import { documentTree } from './bulk-build';

/**
 * A collection's documents as read back from a snapshot: their BSON bytes, decoded into the _id tree the
 * first time anything uses the collection. Most collections are not needed to answer the first requests
 * after a start, and bytes take a fraction of the memory of decoded documents. Once decoded, the bytes are
 * dropped: the tree is the truth from then on. Shared by the renamed copies of a collection.
 */
export class EncodedDocuments {
  private tree: BTree<unknown, Document> | undefined;
  private bodies: EncodedBodies | undefined;

  constructor(bodies: EncodedBodies) {
    this.bodies = bodies;
  }

  /** The BSON bodies while nothing has decoded them yet, for a snapshot to copy verbatim. */
  get encoded(): EncodedBodies | undefined {
    return this.bodies;
  }

  /** The _id tree, decoded now if it was not yet; a document that cannot be decoded is reported by name. */
  documents(ns: string): BTree<unknown, Document> {
    if (this.tree) return this.tree;
    const docs: Document[] = [];
    try {
      for (const body of this.bodies ?? []) docs.push(decodeStored(ns, body, docs.length));
    } catch (error) {
      if (error instanceof CommandError) throw error;
      throw corrupted(ns, `it could not be read back (${errorMessage(error)})`);
    }
    this.tree = documentTree(docs);
    this.bodies = undefined;
    return this.tree;
  }
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function corrupted(ns: string, what: string): CommandError {
  return new CommandError(
    'DataCorruptionDetected',
    `Collection ${ns} holds a damaged document in the snapshot (${what}); restore the data directory from a backup`,
  );
}

function decodeStored(ns: string, body: Uint8Array, position: number): Document {
  try {
    return decodeBody(body);
  } catch (error) {
    throw corrupted(ns, `document ${position + 1}: ${errorMessage(error)}`);
  }
}
