import type { Document } from 'mongodb';

/** Placeholder for the case's own collection; the runner replaces it (also inside strings such as ns). */
export const COLL = '__coll__';
/** Placeholder for a second collection (for $lookup, $unionWith, renameCollection). */
export const OTHER = '__other__';
/** Placeholder for the id of the cursor opened by the previous step (getMore, killCursors). */
export const CURSOR = '__cursor__';
/** What a normalised reply shows for a cursor id that is not 0 (the cursor is still open). */
export const OPEN = 'open-cursor';
/** The database every case runs in. */
export const DB = 'conformance';

export type Expectation =
  /** Every document the cursor yields, first batch and all getMore batches, in order. */
  | { docs: Document[] }
  /** The same documents in any order (MongoDB defines no order for that command). */
  | { docsAnyOrder: Document[] }
  /** The whole reply, with `$clusterTime`/`operationTime` removed, cursor ids as 0 or OPEN, errmsg dropped. */
  | { reply: Document }
  /** One reply per step of `run` (an array), normalised as above; a failed step shows `{ ok: 0, code, codeName }`. */
  | { replies: Document[] }
  /** The listed fields of the (last) reply, which succeeded; the others are not compared. */
  | { replyContains: Document }
  /** The command fails with this code (and codeName); any other listed field must equal the reply's. */
  | { error: { code: number; codeName?: string } & Document }
  /** The command fails, whatever the code: what the engine does not support must fail loudly. */
  | { fails: true }
  /** The reply's writeErrors, one per entry, comparing only the fields listed (errmsg wording varies). */
  | { writeErrors: Document[]; n?: number }
  /** distinct: the values, in any order (MongoDB documents none). */
  | { distinct: unknown[] }
  /** explain: the winning plan contains this stage (and this index). */
  | { plan: { stage: 'IXSCAN' | 'COLLSCAN'; indexName?: string } };

export interface ConformanceCase {
  /** "<operator> — <manual page> — <behaviour>" */
  name: string;
  /** Documents inserted into COLL before the command (in this order). */
  docs?: Document[];
  /** Documents inserted into OTHER before the command. */
  otherDocs?: Document[];
  /** Index specifications created on COLL (the `indexes` of createIndexes). */
  indexes?: Document[];
  /** The raw command, or several run in order (the replies of all are checked with `replies`). */
  run: Document | Document[];
  expect: Expectation;
  /** COLL's contents after the command, read back sorted by _id. */
  after?: Document[];
  /** Where MongoDB documents no field order for the result (e.g. $rename), compare content only. */
  anyKeyOrder?: true;
}
