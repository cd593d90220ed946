import { COLL, type ConformanceCase } from '../case';
import { named } from './build';

const indexPage = 'core/indexes';

export const indexMaintenanceCases: ConformanceCase[] = [
  {
    name: named(
      'indexes',
      indexPage,
      'an update moves the document to its new key: found by the new value only',
    ),
    docs: [{ _id: 1, k: 'a' }],
    indexes: [{ key: { k: 1 }, name: 'k_1' }],
    run: [
      { update: COLL, updates: [{ q: { _id: 1 }, u: { $set: { k: 'b' } } }] },
      { find: COLL, filter: { k: 'a' } },
      { find: COLL, filter: { k: 'b' } },
    ],
    expect: {
      replies: [
        { n: 1, nModified: 1, ok: 1 },
        { cursor: { firstBatch: [], id: 0, ns: `conformance.${COLL}` }, ok: 1 },
        { cursor: { firstBatch: [{ _id: 1, k: 'b' }], id: 0, ns: `conformance.${COLL}` }, ok: 1 },
      ],
    },
  },
  {
    name: named('indexes', indexPage, 'a deleted document is no longer found through the index'),
    docs: [
      { _id: 1, k: 'a' },
      { _id: 2, k: 'a' },
    ],
    indexes: [{ key: { k: 1 }, name: 'k_1' }],
    run: [
      { delete: COLL, deletes: [{ q: { _id: 1 }, limit: 1 }] },
      { find: COLL, filter: { k: 'a' } },
    ],
    expect: {
      replies: [
        { n: 1, ok: 1 },
        { cursor: { firstBatch: [{ _id: 2, k: 'a' }], id: 0, ns: `conformance.${COLL}` }, ok: 1 },
      ],
    },
  },
  {
    name: named(
      'multikey index',
      'core/indexes/index-types/index-multikey',
      'a $push adds the new element to the index',
    ),
    docs: [{ _id: 1, tags: ['a'] }],
    indexes: [{ key: { tags: 1 }, name: 'tags_1' }],
    run: [
      { update: COLL, updates: [{ q: { _id: 1 }, u: { $push: { tags: 'z' } } }] },
      { find: COLL, filter: { tags: 'z' }, projection: { _id: 1 } },
    ],
    expect: {
      replies: [
        { n: 1, nModified: 1, ok: 1 },
        { cursor: { firstBatch: [{ _id: 1 }], id: 0, ns: `conformance.${COLL}` }, ok: 1 },
      ],
    },
  },
  {
    name: named('createIndexes', 'reference/command/createIndexes', 'several indexes in one command'),
    docs: [{ _id: 1 }],
    run: {
      createIndexes: COLL,
      indexes: [
        { key: { a: 1 }, name: 'a_1' },
        { key: { b: -1, c: 1 }, name: 'b_-1_c_1' },
      ],
    },
    expect: { replyContains: { numIndexesBefore: 1, numIndexesAfter: 3, ok: 1 } },
  },
  {
    name: named(
      'compound index',
      'core/indexes/index-types/index-compound',
      'a sort on the index prefix returns the index order',
    ),
    docs: [
      { _id: 1, a: 2, b: 1 },
      { _id: 2, a: 1, b: 2 },
      { _id: 3, a: 1, b: 1 },
    ],
    indexes: [{ key: { a: 1, b: 1 }, name: 'a_1_b_1' }],
    run: { find: COLL, filter: { a: { $gte: 1 } }, sort: { a: 1, b: 1 }, projection: { _id: 1 } },
    expect: { docs: [{ _id: 3 }, { _id: 2 }, { _id: 1 }] },
  },
  {
    name: named(
      'unique index',
      'core/index-unique',
      'a findAndModify upsert that would duplicate a key fails with 11000',
    ),
    docs: [{ _id: 1, email: 'a' }],
    indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }],
    run: { findAndModify: COLL, query: { _id: 2 }, update: { $set: { email: 'a' } }, upsert: true },
    expect: { error: { code: 11000, keyValue: { email: 'a' } } },
    after: [{ _id: 1, email: 'a' }],
  },
];
