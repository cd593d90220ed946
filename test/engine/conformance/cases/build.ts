import { ObjectId, Timestamp, type Document } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';

/** "<operator> — docs.mongodb.com/manual/<page>/ — <behaviour>", the name every case carries. */
export function named(operator: string, page: string, behaviour: string): string {
  return `${operator} — docs.mongodb.com/manual/${page}/ — ${behaviour}`;
}

/** A find over `docs` sorted by _id whose expected result is the documents with the listed _ids. */
export function findCase(name: string, docs: Document[], filter: Document, ids: unknown[]): ConformanceCase {
  return {
    name,
    docs,
    run: { find: COLL, filter, sort: { _id: 1 } },
    expect: { docs: docs.filter((doc) => ids.includes(doc._id)) },
  };
}

/** An aggregate on COLL whose whole output is `output`, in order. */
export function aggregateCase(
  name: string,
  docs: Document[],
  pipeline: Document[],
  output: Document[],
): ConformanceCase {
  return { name, docs, run: { aggregate: COLL, pipeline, cursor: {} }, expect: { docs: output } };
}

/** One update statement; `after` is the collection afterwards. */
export function updateCase(
  name: string,
  docs: Document[],
  statement: Document,
  reply: Document,
  after: Document[],
): ConformanceCase {
  return { name, docs, run: { update: COLL, updates: [statement] }, expect: { reply }, after };
}

/** Values only known as "some value of this type" (generated ids, server clock). */
export const anyObjectId = (): unknown => expect.any(ObjectId);
export const anyDate = (): unknown => expect.any(Date);
export const anyTimestamp = (): unknown => expect.any(Timestamp);
