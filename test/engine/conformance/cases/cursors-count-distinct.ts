import { Long } from 'mongodb';
import { COLL, CURSOR, OPEN, type ConformanceCase } from '../case';
import { named } from './build';

const cmd = (name: string): string => `reference/command/${name}`;
const ns = `conformance.${COLL}`;
const five = [1, 2, 3, 4, 5].map((_id) => ({ _id }));
const many = Array.from({ length: 150 }, (_, i) => ({ _id: i + 1 }));
const staff = [
  { _id: 1, dept: 'A', item: { sku: '111', color: 'red' }, sizes: ['S', 'M'] },
  { _id: 2, dept: 'A', item: { sku: '111', color: 'blue' }, sizes: ['M', 'L'] },
  { _id: 3, dept: 'B', item: { sku: '222', color: 'blue' }, sizes: 'S' },
  { _id: 4, dept: 'A', item: { sku: '333', color: 'black' }, sizes: ['S'] },
];

export const cursorCountDistinctCases: ConformanceCase[] = [
  {
    name: named('getMore', cmd('getMore'), 'batchSize splits the results; the last batch has cursor id 0'),
    docs: five,
    run: [
      { find: COLL, filter: {}, sort: { _id: 1 }, batchSize: 2 },
      { getMore: CURSOR, collection: COLL, batchSize: 2 },
      { getMore: CURSOR, collection: COLL, batchSize: 2 },
    ],
    expect: {
      replies: [
        { cursor: { firstBatch: [{ _id: 1 }, { _id: 2 }], id: OPEN, ns }, ok: 1 },
        { cursor: { nextBatch: [{ _id: 3 }, { _id: 4 }], id: OPEN, ns }, ok: 1 },
        { cursor: { nextBatch: [{ _id: 5 }], id: 0, ns }, ok: 1 },
      ],
    },
  },
  {
    name: named('find', cmd('find'), 'the default first batch holds 101 documents'),
    docs: many,
    run: [
      { find: COLL, filter: {}, sort: { _id: 1 } },
      { getMore: CURSOR, collection: COLL },
    ],
    expect: {
      replies: [
        { cursor: { firstBatch: many.slice(0, 101), id: OPEN, ns }, ok: 1 },
        { cursor: { nextBatch: many.slice(101), id: 0, ns }, ok: 1 },
      ],
    },
  },
  {
    name: named('find', cmd('find'), 'limit within the first batch closes the cursor'),
    docs: five,
    run: { find: COLL, filter: {}, sort: { _id: 1 }, limit: 3 },
    expect: { reply: { cursor: { firstBatch: [{ _id: 1 }, { _id: 2 }, { _id: 3 }], id: 0, ns }, ok: 1 } },
  },
  {
    name: named('find', cmd('find'), 'limit larger than batchSize ends with the limit'),
    docs: five,
    run: [
      { find: COLL, filter: {}, sort: { _id: 1 }, limit: 3, batchSize: 2 },
      { getMore: CURSOR, collection: COLL, batchSize: 2 },
    ],
    expect: {
      replies: [
        { cursor: { firstBatch: [{ _id: 1 }, { _id: 2 }], id: OPEN, ns }, ok: 1 },
        { cursor: { nextBatch: [{ _id: 3 }], id: 0, ns }, ok: 1 },
      ],
    },
  },
  {
    name: named('cursor.skip', 'reference/method/cursor.skip', 'skip then limit'),
    docs: five,
    run: { find: COLL, filter: {}, sort: { _id: -1 }, skip: 1, limit: 2 },
    expect: { docs: [{ _id: 4 }, { _id: 3 }] },
  },
  {
    name: named('find', cmd('find'), 'singleBatch returns one batch and closes the cursor'),
    docs: five,
    run: { find: COLL, filter: {}, sort: { _id: 1 }, batchSize: 2, singleBatch: true },
    expect: { reply: { cursor: { firstBatch: [{ _id: 1 }, { _id: 2 }], id: 0, ns }, ok: 1 } },
  },
  {
    name: named(
      'aggregate',
      cmd('aggregate'),
      'cursor batchSize 0 returns an empty first batch and an open cursor',
    ),
    docs: five,
    run: [
      { aggregate: COLL, pipeline: [{ $sort: { _id: 1 } }], cursor: { batchSize: 0 } },
      { getMore: CURSOR, collection: COLL },
    ],
    expect: {
      replies: [
        { cursor: { firstBatch: [], id: OPEN, ns }, ok: 1 },
        { cursor: { nextBatch: five, id: 0, ns }, ok: 1 },
      ],
    },
  },
  {
    name: named(
      'killCursors',
      cmd('killCursors'),
      'reports the killed cursor; a getMore on it is CursorNotFound (43)',
    ),
    docs: five,
    run: [
      { find: COLL, filter: {}, batchSize: 1 },
      { killCursors: COLL, cursors: [CURSOR] },
      { getMore: CURSOR, collection: COLL },
    ],
    expect: {
      replies: [
        { cursor: { firstBatch: [{ _id: 1 }], id: OPEN, ns }, ok: 1 },
        { cursorsKilled: [CURSOR], cursorsNotFound: [], cursorsAlive: [], cursorsUnknown: [], ok: 1 },
        { ok: 0, code: 43, codeName: 'CursorNotFound' },
      ],
    },
  },
  {
    name: named('killCursors', cmd('killCursors'), 'an unknown id is listed in cursorsNotFound'),
    docs: five,
    run: { killCursors: COLL, cursors: [Long.fromString('123456789012')] },
    expect: {
      reply: {
        cursorsKilled: [],
        cursorsNotFound: [Long.fromString('123456789012')],
        cursorsAlive: [],
        cursorsUnknown: [],
        ok: 1,
      },
    },
  },
  {
    name: named('count', cmd('count'), 'counts the documents matching the query'),
    docs: staff,
    run: { count: COLL, query: { dept: 'A' } },
    expect: { reply: { n: 3, ok: 1 } },
  },
  {
    name: named('count', cmd('count'), 'skip and limit apply to the count'),
    docs: staff,
    run: { count: COLL, query: {}, skip: 1, limit: 2 },
    expect: { reply: { n: 2, ok: 1 } },
  },
  {
    name: named('count', cmd('count'), 'a missing collection counts 0'),
    run: { count: COLL },
    expect: { reply: { n: 0, ok: 1 } },
  },
  {
    name: named('distinct', cmd('distinct'), 'the distinct values of a field'),
    docs: staff,
    run: { distinct: COLL, key: 'dept' },
    expect: { distinct: ['A', 'B'] },
  },
  {
    name: named('distinct', cmd('distinct'), 'an embedded field through dot notation'),
    docs: staff,
    run: { distinct: COLL, key: 'item.sku' },
    expect: { distinct: ['111', '222', '333'] },
  },
  {
    name: named('distinct', cmd('distinct'), 'array fields contribute each element'),
    docs: staff,
    run: { distinct: COLL, key: 'sizes' },
    expect: { distinct: ['S', 'M', 'L'] },
  },
  {
    name: named('distinct', cmd('distinct'), 'a query restricts the documents'),
    docs: staff,
    run: { distinct: COLL, key: 'item.sku', query: { dept: 'A' } },
    expect: { distinct: ['111', '333'] },
  },
  {
    name: named(
      'countDocuments',
      'reference/method/db.collection.countDocuments',
      "the driver's $match + $group shape",
    ),
    docs: staff,
    run: {
      aggregate: COLL,
      pipeline: [{ $match: { dept: 'A' } }, { $group: { _id: 1, n: { $sum: 1 } } }],
      cursor: {},
    },
    expect: { docs: [{ _id: 1, n: 3 }] },
  },
];
