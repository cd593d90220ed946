import { COLL, type ConformanceCase } from '../case';
import { named } from './build';

const createPage = 'reference/command/createIndexes';

export const indexAdminCases: ConformanceCase[] = [
  {
    name: named('createIndexes', createPage, 'on a new collection creates it and reports the counts'),
    run: { createIndexes: COLL, indexes: [{ key: { a: 1 }, name: 'a_1' }] },
    expect: {
      replyContains: { createdCollectionAutomatically: true, numIndexesBefore: 1, numIndexesAfter: 2, ok: 1 },
    },
  },
  {
    name: named('createIndexes', createPage, 'an identical index again is accepted and changes nothing'),
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
    docs: [{ _id: 1 }],
    run: { createIndexes: COLL, indexes: [{ key: { a: 1 }, name: 'a_1' }] },
    expect: { replyContains: { numIndexesBefore: 2, numIndexesAfter: 2, ok: 1 } },
  },
  {
    name: named('createIndexes', createPage, 'the same name with another key is IndexKeySpecsConflict (86)'),
    indexes: [{ key: { a: 1 }, name: 'idx' }],
    docs: [{ _id: 1 }],
    run: { createIndexes: COLL, indexes: [{ key: { b: 1 }, name: 'idx' }] },
    expect: { error: { code: 86, codeName: 'IndexKeySpecsConflict' } },
  },
  {
    name: named('createIndexes', createPage, 'the same key under another name is IndexOptionsConflict (85)'),
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
    docs: [{ _id: 1 }],
    run: { createIndexes: COLL, indexes: [{ key: { a: 1 }, name: 'other' }] },
    expect: { error: { code: 85, codeName: 'IndexOptionsConflict' } },
  },
  {
    name: named(
      'createIndexes',
      createPage,
      'the same name and key with another TTL is IndexOptionsConflict (85)',
    ),
    indexes: [{ key: { at: 1 }, name: 'at_1', expireAfterSeconds: 3600 }],
    docs: [{ _id: 1 }],
    run: { createIndexes: COLL, indexes: [{ key: { at: 1 }, name: 'at_1', expireAfterSeconds: 60 }] },
    expect: { error: { code: 85, codeName: 'IndexOptionsConflict' } },
  },
  {
    name: named(
      'listIndexes',
      'reference/command/listIndexes',
      'a cursor of index specs: v, key, name and options',
    ),
    docs: [{ _id: 1 }],
    indexes: [
      { key: { email: 1 }, name: 'email_1', unique: true },
      { key: { a: 1, b: -1 }, name: 'a_1_b_-1', sparse: true },
    ],
    run: { listIndexes: COLL },
    expect: {
      reply: {
        cursor: {
          id: 0,
          ns: `conformance.${COLL}`,
          firstBatch: [
            { v: 2, key: { _id: 1 }, name: '_id_' },
            { v: 2, key: { email: 1 }, name: 'email_1', unique: true },
            { v: 2, key: { a: 1, b: -1 }, name: 'a_1_b_-1', sparse: true },
          ],
        },
        ok: 1,
      },
    },
  },
  {
    name: named(
      'listIndexes',
      'reference/command/listIndexes',
      'a missing collection is NamespaceNotFound (26)',
    ),
    run: { listIndexes: COLL },
    expect: { error: { code: 26, codeName: 'NamespaceNotFound' } },
  },
  {
    name: named('dropIndexes', 'reference/command/dropIndexes', 'drops one index by name'),
    docs: [{ _id: 1 }],
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
    run: [{ dropIndexes: COLL, index: 'a_1' }, { listIndexes: COLL }],
    expect: {
      replies: [
        { nIndexesWas: 2, ok: 1 },
        {
          cursor: { id: 0, ns: `conformance.${COLL}`, firstBatch: [{ v: 2, key: { _id: 1 }, name: '_id_' }] },
          ok: 1,
        },
      ],
    },
  },
  {
    name: named('dropIndexes', 'reference/command/dropIndexes', '"*" drops every index but _id'),
    docs: [{ _id: 1 }],
    indexes: [
      { key: { a: 1 }, name: 'a_1' },
      { key: { b: 1 }, name: 'b_1' },
    ],
    run: [{ dropIndexes: COLL, index: '*' }, { listIndexes: COLL }],
    expect: {
      replyContains: {
        cursor: { id: 0, ns: `conformance.${COLL}`, firstBatch: [{ v: 2, key: { _id: 1 }, name: '_id_' }] },
        ok: 1,
      },
    },
  },
  {
    name: named('dropIndexes', 'reference/command/dropIndexes', 'drops an index given by its key pattern'),
    docs: [{ _id: 1 }],
    indexes: [{ key: { a: 1 }, name: 'custom' }],
    run: { dropIndexes: COLL, index: { a: 1 } },
    expect: { reply: { nIndexesWas: 2, ok: 1 } },
  },
  {
    name: named('dropIndexes', 'reference/command/dropIndexes', 'an unknown index is IndexNotFound (27)'),
    docs: [{ _id: 1 }],
    run: { dropIndexes: COLL, index: 'nope_1' },
    expect: { error: { code: 27, codeName: 'IndexNotFound' } },
  },
  {
    name: named(
      'dropIndexes',
      'reference/command/dropIndexes',
      'the _id index cannot be dropped: InvalidOptions (72)',
    ),
    docs: [{ _id: 1 }],
    run: { dropIndexes: COLL, index: '_id_' },
    expect: { error: { code: 72, codeName: 'InvalidOptions' } },
  },
  {
    name: named(
      'explain',
      'reference/explain-results',
      'an equality on an indexed field uses IXSCAN on that index',
    ),
    docs: [
      { _id: 1, a: 1 },
      { _id: 2, a: 2 },
    ],
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
    run: { explain: { find: COLL, filter: { a: 2 } }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'IXSCAN', indexName: 'a_1' } },
  },
  {
    name: named(
      'explain',
      'reference/explain-results',
      'a range on the leading key of a compound index uses it',
    ),
    docs: [{ _id: 1, a: 1, b: 1 }],
    indexes: [{ key: { a: 1, b: 1 }, name: 'a_1_b_1' }],
    run: { explain: { find: COLL, filter: { a: { $gt: 0 } } }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'IXSCAN', indexName: 'a_1_b_1' } },
  },
  {
    name: named('explain', 'reference/explain-results', '$in on an indexed field uses IXSCAN'),
    docs: [{ _id: 1, a: 1 }],
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
    run: { explain: { find: COLL, filter: { a: { $in: [1, 5] } } }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'IXSCAN', indexName: 'a_1' } },
  },
  {
    name: named('explain', 'reference/explain-results', 'a filter on an unindexed field is a COLLSCAN'),
    docs: [{ _id: 1, a: 1, b: 1 }],
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
    run: { explain: { find: COLL, filter: { b: 1 } }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'COLLSCAN' } },
  },
  {
    name: named(
      'explain',
      'reference/explain-results',
      'a filter on the second key of a compound index only is a COLLSCAN',
    ),
    docs: [{ _id: 1, a: 1, b: 1 }],
    indexes: [{ key: { a: 1, b: 1 }, name: 'a_1_b_1' }],
    run: { explain: { find: COLL, filter: { b: 1 } }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'COLLSCAN' } },
  },
  {
    name: named('hint', 'reference/method/cursor.hint', 'a hint naming no index is BadValue (2)'),
    docs: [{ _id: 1, a: 1 }],
    run: { find: COLL, filter: { a: 1 }, hint: 'nope_1' },
    expect: { error: { code: 2, codeName: 'BadValue' } },
  },
  {
    name: named('unique index', 'core/index-unique', 'an indexed find still returns the right documents'),
    docs: [
      { _id: 1, k: 'x' },
      { _id: 2, k: 'y' },
      { _id: 3, k: 'z' },
    ],
    indexes: [{ key: { k: 1 }, name: 'k_1', unique: true }],
    run: { find: COLL, filter: { k: { $in: ['z', 'x'] } }, sort: { k: -1 } },
    expect: {
      docs: [
        { _id: 3, k: 'z' },
        { _id: 1, k: 'x' },
      ],
    },
  },
];
