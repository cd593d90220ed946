import { COLL, CURSOR, OPEN, type ConformanceCase } from '../case';
import { named } from './build';

const cmd = (name: string): string => `reference/command/${name}`;
const ns = `conformance.${COLL}`;
const three = [
  { _id: 1, k: 'a' },
  { _id: 2, k: 'b' },
  { _id: 3, k: 'c' },
];

export const commandMoreCases: ConformanceCase[] = [
  {
    name: named('find', cmd('find'), 'batchSize 0 returns an empty first batch and an open cursor'),
    docs: three,
    run: { find: COLL, filter: {}, batchSize: 0 },
    expect: { reply: { cursor: { firstBatch: [], id: OPEN, ns }, ok: 1 } },
  },
  {
    name: named('find', cmd('find'), 'a projection of _id alone returns only _id'),
    docs: three,
    run: { find: COLL, filter: { k: 'b' }, projection: { _id: 1 } },
    expect: { docs: [{ _id: 2 }] },
  },
  {
    name: named('distinct', cmd('distinct'), 'a missing collection has no values'),
    run: { distinct: COLL, key: 'k' },
    expect: { distinct: [] },
  },
  {
    name: named('update', cmd('update'), 'an empty replacement document leaves only _id'),
    docs: three,
    run: { update: COLL, updates: [{ q: { _id: 2 }, u: {} }] },
    expect: { reply: { n: 1, nModified: 1, ok: 1 } },
    after: [{ _id: 1, k: 'a' }, { _id: 2 }, { _id: 3, k: 'c' }],
  },
  {
    name: named('delete', cmd('delete'), 'several delete statements add up'),
    docs: three,
    run: {
      delete: COLL,
      deletes: [
        { q: { _id: 1 }, limit: 1 },
        { q: { k: { $in: ['b', 'c'] } }, limit: 0 },
      ],
    },
    expect: { reply: { n: 3, ok: 1 } },
    after: [],
  },
  {
    name: named('insert', cmd('insert'), 'unordered inserts report every duplicate of a unique index'),
    indexes: [{ key: { k: 1 }, name: 'k_1', unique: true }],
    docs: [{ _id: 0, k: 'z' }],
    run: {
      insert: COLL,
      documents: [
        { _id: 1, k: 1 },
        { _id: 2, k: 1 },
        { _id: 3, k: 1 },
      ],
      ordered: false,
    },
    expect: {
      writeErrors: [
        { index: 1, code: 11000, keyValue: { k: 1 } },
        { index: 2, code: 11000, keyValue: { k: 1 } },
      ],
      n: 1,
    },
  },
  {
    name: named('findAndModify', cmd('findAndModify'), 'neither update nor remove fails'),
    docs: three,
    run: { findAndModify: COLL, query: { _id: 1 } },
    expect: { fails: true },
  },
  {
    name: named('findAndModify', cmd('findAndModify'), 'remove together with new: true fails'),
    docs: three,
    run: { findAndModify: COLL, query: { _id: 1 }, remove: true, new: true },
    expect: { fails: true },
  },
  {
    name: named('count', cmd('count'), 'a query that matches nothing counts 0'),
    docs: three,
    run: { count: COLL, query: { k: 'nope' } },
    expect: { reply: { n: 0, ok: 1 } },
  },
  {
    name: named('aggregate', cmd('aggregate'), 'getMore continues an aggregation cursor in batches'),
    docs: three,
    run: [
      { aggregate: COLL, pipeline: [{ $sort: { _id: -1 } }], cursor: { batchSize: 1 } },
      { getMore: CURSOR, collection: COLL, batchSize: 5 },
    ],
    expect: {
      replies: [
        { cursor: { firstBatch: [{ _id: 3, k: 'c' }], id: OPEN, ns }, ok: 1 },
        {
          cursor: {
            nextBatch: [
              { _id: 2, k: 'b' },
              { _id: 1, k: 'a' },
            ],
            id: 0,
            ns,
          },
          ok: 1,
        },
      ],
    },
  },
];
