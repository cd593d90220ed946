import BTree from 'sorted-btree';
import { bulkLoad } from 'sorted-btree/extended/bulkLoad';
import type { Document } from 'bson';
import { compareBson } from '../bson-order';
import { duplicateKeyError } from './duplicate-key';
import { compareEntries, sameKeyValues, type IndexKeyMaker, type IndexEntry } from './index-keys';

/** The branching factor sorted-btree uses by default, kept for trees built in bulk. */
const NODE_SIZE = new BTree().maxNodeSize;

function isStrictlyAscending(docs: readonly Document[]): boolean {
  for (let i = 1; i < docs.length; i++) {
    if (compareBson(docs[i - 1]._id, docs[i]._id) >= 0) return false;
  }
  return true;
}

/**
 * The _id tree of documents read back from a snapshot, which stores them in _id order: loaded in one pass
 * (no splits, no searches). Documents in any other order are inserted one by one, the later _id winning.
 */
export function documentTree(docs: readonly Document[]): BTree<unknown, Document> {
  if (isStrictlyAscending(docs)) {
    return bulkLoad(
      docs.map((doc) => doc._id as unknown),
      [...docs],
      NODE_SIZE,
      compareBson,
    );
  }
  const tree = new BTree<unknown, Document>(undefined, compareBson);
  for (const doc of docs) tree.set(doc._id, doc, true);
  return tree;
}

export interface BuiltIndex {
  tree: BTree<IndexEntry, Document>;
  multikey: boolean;
}

/**
 * An index over existing documents built in bulk: every entry made, sorted once, checked for unique
 * violations between neighbours (equal keys sort together), then loaded into the tree in one pass —
 * far cheaper than inserting the entries one at a time into a growing tree.
 */
export function buildIndex(ns: string, maker: IndexKeyMaker, docs: Iterable<Document>): BuiltIndex {
  const pairs: { entry: IndexEntry; doc: Document }[] = [];
  let multikey = false;
  for (const doc of docs) {
    const made = maker.entriesOf(doc);
    if (made.multikey) multikey = true;
    for (const entry of made.entries) pairs.push({ entry, doc });
  }
  const compare = compareEntries(maker.directions);
  pairs.sort((a, b) => compare(a.entry, b.entry));
  const keys: IndexEntry[] = [];
  const values: Document[] = [];
  for (const { entry, doc } of pairs) {
    const previous = keys.at(-1);
    if (previous && compare(previous, entry) === 0) {
      values[values.length - 1] = doc;
      continue;
    }
    if (previous && maker.spec.unique && sameKeyValues(previous, entry)) {
      throw duplicateKeyError(ns, maker.spec.name, maker.spec.key, maker.keyValue(entry));
    }
    keys.push(entry);
    values.push(doc);
  }
  return { tree: bulkLoad(keys, values, NODE_SIZE, compare), multikey };
}
