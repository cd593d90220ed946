import { COLL, type ConformanceCase } from '../case';
import { named } from './build';

const uniquePage = 'core/index-unique';

function insertDup(
  name: string,
  indexes: object[],
  docs: object[],
  extra: object,
  error: object,
): ConformanceCase {
  return {
    name,
    docs: docs as ConformanceCase['docs'],
    indexes: indexes as ConformanceCase['indexes'],
    run: { insert: COLL, documents: [extra] },
    expect: { writeErrors: [{ index: 0, code: 11000, ...error }], n: 0 },
  };
}

function insertOk(name: string, indexes: object[], docs: object[], more: object[]): ConformanceCase {
  return {
    name,
    docs: docs as ConformanceCase['docs'],
    indexes: indexes as ConformanceCase['indexes'],
    run: { insert: COLL, documents: more },
    expect: { reply: { n: more.length, ok: 1 } },
  };
}

export const indexCases: ConformanceCase[] = [
  insertDup(
    named('unique index', uniquePage, 'a duplicate value is error 11000 with keyPattern and keyValue'),
    [{ key: { email: 1 }, name: 'email_1', unique: true }],
    [{ _id: 1, email: 'a@x.org' }],
    { _id: 2, email: 'a@x.org' },
    { keyPattern: { email: 1 }, keyValue: { email: 'a@x.org' } },
  ),
  insertDup(
    named('_id', 'core/document', 'a duplicate _id is error 11000 on the _id index'),
    [],
    [{ _id: 1 }],
    { _id: 1, a: 2 },
    { keyPattern: { _id: 1 }, keyValue: { _id: 1 } },
  ),
  insertDup(
    named('unique index', uniquePage, 'a compound unique index rejects a duplicate combination'),
    [{ key: { a: 1, b: 1 }, name: 'a_1_b_1', unique: true }],
    [
      { _id: 1, a: 1, b: 1 },
      { _id: 2, a: 1, b: 2 },
    ],
    { _id: 3, a: 1, b: 1 },
    { keyPattern: { a: 1, b: 1 }, keyValue: { a: 1, b: 1 } },
  ),
  insertOk(
    named('unique index', uniquePage, 'a compound unique index accepts a new combination'),
    [{ key: { a: 1, b: 1 }, name: 'a_1_b_1', unique: true }],
    [{ _id: 1, a: 1, b: 1 }],
    [
      { _id: 2, a: 1, b: 2 },
      { _id: 3, a: 2, b: 1 },
    ],
  ),
  insertDup(
    named(
      'unique index',
      uniquePage,
      'a missing field indexes as null: a second document without it is a duplicate',
    ),
    [{ key: { code: 1 }, name: 'code_1', unique: true }],
    [{ _id: 1 }],
    { _id: 2 },
    { keyPattern: { code: 1 }, keyValue: { code: null } },
  ),
  insertOk(
    named('sparse unique index', 'core/index-sparse', 'several documents without the field are allowed'),
    [{ key: { code: 1 }, name: 'code_1', unique: true, sparse: true }],
    [{ _id: 1 }],
    [{ _id: 2 }, { _id: 3, code: 'x' }],
  ),
  insertDup(
    named('sparse unique index', 'core/index-sparse', 'a duplicate present value is still rejected'),
    [{ key: { code: 1 }, name: 'code_1', unique: true, sparse: true }],
    [{ _id: 1, code: 'x' }],
    { _id: 2, code: 'x' },
    { keyPattern: { code: 1 }, keyValue: { code: 'x' } },
  ),
  insertOk(
    named('partial unique index', 'core/index-partial', 'documents outside the filter are not constrained'),
    [{ key: { email: 1 }, name: 'email_1', unique: true, partialFilterExpression: { active: true } }],
    [{ _id: 1, email: 'a@x.org', active: true }],
    [
      { _id: 2, email: 'a@x.org', active: false },
      { _id: 3, email: 'a@x.org' },
    ],
  ),
  insertDup(
    named('partial unique index', 'core/index-partial', 'documents inside the filter are unique'),
    [{ key: { email: 1 }, name: 'email_1', unique: true, partialFilterExpression: { active: true } }],
    [{ _id: 1, email: 'a@x.org', active: true }],
    { _id: 2, email: 'a@x.org', active: true },
    { keyPattern: { email: 1 }, keyValue: { email: 'a@x.org' } },
  ),
  insertDup(
    named(
      'multikey unique index',
      'core/index-multikey',
      'an element shared with another document is a duplicate',
    ),
    [{ key: { tags: 1 }, name: 'tags_1', unique: true }],
    [{ _id: 1, tags: ['a', 'b'] }],
    { _id: 2, tags: ['c', 'b'] },
    { keyPattern: { tags: 1 }, keyValue: { tags: 'b' } },
  ),
  insertOk(
    named('multikey unique index', 'core/index-multikey', 'a value repeated inside one document is allowed'),
    [{ key: { tags: 1 }, name: 'tags_1', unique: true }],
    [],
    [{ _id: 1, tags: ['a', 'a'] }],
  ),
  {
    name: named('unique index', uniquePage, 'an update creating a duplicate is a write error 11000'),
    docs: [
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
    ],
    indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }],
    run: { update: COLL, updates: [{ q: { _id: 2 }, u: { $set: { email: 'a' } } }] },
    expect: {
      writeErrors: [{ index: 0, code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a' } }],
      n: 0,
    },
    after: [
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
    ],
  },
  {
    name: named('unique index', uniquePage, 'building a unique index over duplicates fails with 11000'),
    docs: [
      { _id: 1, k: 1 },
      { _id: 2, k: 1 },
    ],
    run: { createIndexes: COLL, indexes: [{ key: { k: 1 }, name: 'k_1', unique: true }] },
    expect: { error: { code: 11000 } },
  },
];
