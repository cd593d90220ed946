import { Long } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';
import { named } from './build';

const uniquePage = 'core/index-unique';
const explainPage = 'reference/explain-results';

export const indexMoreCases: ConformanceCase[] = [
  {
    name: named('unique index', uniquePage, 'on an embedded field reports the dotted key'),
    docs: [{ _id: 1, profile: { email: 'a@x.org' } }],
    indexes: [{ key: { 'profile.email': 1 }, name: 'profile.email_1', unique: true }],
    run: { insert: COLL, documents: [{ _id: 2, profile: { email: 'a@x.org' } }] },
    expect: {
      writeErrors: [
        {
          index: 0,
          code: 11000,
          keyPattern: { 'profile.email': 1 },
          keyValue: { 'profile.email': 'a@x.org' },
        },
      ],
      n: 0,
    },
  },
  {
    name: named('unique index', uniquePage, 'a compound key with one field missing indexes it as null'),
    docs: [{ _id: 1, a: 1 }],
    indexes: [{ key: { a: 1, b: 1 }, name: 'a_1_b_1', unique: true }],
    run: { insert: COLL, documents: [{ _id: 2, a: 1, b: null }] },
    expect: {
      writeErrors: [{ index: 0, code: 11000, keyPattern: { a: 1, b: 1 }, keyValue: { a: 1, b: null } }],
      n: 0,
    },
  },
  {
    name: named('unique index', uniquePage, 'a deleted value can be inserted again'),
    docs: [{ _id: 1, k: 'x' }],
    indexes: [{ key: { k: 1 }, name: 'k_1', unique: true }],
    run: [
      { delete: COLL, deletes: [{ q: { _id: 1 }, limit: 1 }] },
      { insert: COLL, documents: [{ _id: 2, k: 'x' }] },
    ],
    expect: {
      replies: [
        { n: 1, ok: 1 },
        { n: 1, ok: 1 },
      ],
    },
    after: [{ _id: 2, k: 'x' }],
  },
  {
    name: named('unique index', uniquePage, 'an update moving the value frees the old one'),
    docs: [{ _id: 1, k: 'x' }],
    indexes: [{ key: { k: 1 }, name: 'k_1', unique: true }],
    run: [
      { update: COLL, updates: [{ q: { _id: 1 }, u: { $set: { k: 'y' } } }] },
      { insert: COLL, documents: [{ _id: 2, k: 'x' }] },
    ],
    expect: {
      replies: [
        { n: 1, nModified: 1, ok: 1 },
        { n: 1, ok: 1 },
      ],
    },
    after: [
      { _id: 1, k: 'y' },
      { _id: 2, k: 'x' },
    ],
  },
  {
    name: named('listIndexes', 'reference/command/listIndexes', 'partial and TTL options appear in the spec'),
    docs: [{ _id: 1 }],
    indexes: [
      { key: { email: 1 }, name: 'email_1', unique: true, partialFilterExpression: { active: true } },
      { key: { at: 1 }, name: 'at_1', expireAfterSeconds: 3600 },
    ],
    run: { listIndexes: COLL },
    expect: {
      reply: {
        cursor: {
          id: 0,
          ns: `conformance.${COLL}`,
          firstBatch: [
            { v: 2, key: { _id: 1 }, name: '_id_' },
            {
              v: 2,
              key: { email: 1 },
              name: 'email_1',
              unique: true,
              partialFilterExpression: { active: true },
            },
            { v: 2, key: { at: 1 }, name: 'at_1', expireAfterSeconds: 3600 },
          ],
        },
        ok: 1,
      },
    },
  },
  {
    name: named(
      'text index',
      'core/indexes/index-types/index-text',
      'creating one fails loudly (no text search in the engine)',
    ),
    docs: [{ _id: 1, body: 'x' }],
    run: { createIndexes: COLL, indexes: [{ key: { body: 'text' }, name: 'body_text' }] },
    expect: { fails: true },
  },
  {
    name: named(
      '2dsphere index',
      'core/indexes/index-types/geospatial/2dsphere',
      'creating one fails loudly (no geo in the engine)',
    ),
    docs: [{ _id: 1 }],
    run: { createIndexes: COLL, indexes: [{ key: { loc: '2dsphere' }, name: 'loc_2dsphere' }] },
    expect: { fails: true },
  },
  {
    name: named('explain', explainPage, 'a sort on an indexed field uses the index'),
    docs: [
      { _id: 1, a: 1 },
      { _id: 2, a: 2 },
    ],
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
    run: { explain: { find: COLL, filter: {}, sort: { a: -1 }, limit: 1 }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'IXSCAN', indexName: 'a_1' } },
  },
  {
    name: named('explain', explainPage, 'a hint forces the named index'),
    docs: [{ _id: 1, a: 1, b: 1 }],
    indexes: [
      { key: { a: 1 }, name: 'a_1' },
      { key: { b: 1 }, name: 'b_1' },
    ],
    run: { explain: { find: COLL, filter: { a: 1, b: 1 }, hint: 'b_1' }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'IXSCAN', indexName: 'b_1' } },
  },
  {
    name: named('explain', explainPage, 'an equality on an indexed embedded field uses the index'),
    docs: [{ _id: 1, p: { e: 'x' } }],
    indexes: [{ key: { 'p.e': 1 }, name: 'p.e_1' }],
    run: { explain: { find: COLL, filter: { 'p.e': 'x' } }, verbosity: 'queryPlanner' },
    expect: { plan: { stage: 'IXSCAN', indexName: 'p.e_1' } },
  },
  {
    name: named(
      'multikey index',
      'core/indexes/index-types/index-multikey',
      'a query on an array element finds the document through the index',
    ),
    docs: [
      { _id: 1, tags: ['a', 'b'] },
      { _id: 2, tags: ['c'] },
      { _id: 3, tags: 'b' },
    ],
    indexes: [{ key: { tags: 1 }, name: 'tags_1' }],
    run: { find: COLL, filter: { tags: 'b' }, sort: { _id: 1 } },
    expect: {
      docs: [
        { _id: 1, tags: ['a', 'b'] },
        { _id: 3, tags: 'b' },
      ],
    },
  },
  {
    name: named(
      'sparse index',
      'core/index-sparse',
      'a range query through a sparse index still returns the right documents',
    ),
    docs: [{ _id: 1, s: 5 }, { _id: 2 }, { _id: 3, s: 1 }],
    indexes: [{ key: { s: 1 }, name: 's_1', sparse: true }],
    run: { find: COLL, filter: { s: { $gte: 2 } } },
    expect: { docs: [{ _id: 1, s: 5 }] },
  },
  {
    name: named('getMore', 'reference/command/getMore', 'an unknown cursor id is CursorNotFound (43)'),
    docs: [{ _id: 1 }],
    run: { getMore: Long.fromString('987654321987'), collection: COLL },
    expect: { error: { code: 43, codeName: 'CursorNotFound' } },
  },
];
