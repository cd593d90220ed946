import { Decimal128, Long } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';
import { anyObjectId, named, updateCase } from './build';

const page = (op: string): string => `reference/operator/update/${op}`;
const one = { n: 1, nModified: 1, ok: 1 };

export const updateMoreCases: ConformanceCase[] = [
  updateCase(
    named('$max', page('max'), 'compares values of different types by BSON order'),
    [{ _id: 1, v: 5 }],
    { q: { _id: 1 }, u: { $max: { v: 'a string' } } },
    one,
    [{ _id: 1, v: 'a string' }],
  ),
  updateCase(
    named('$min', page('min'), 'null is lower than any number'),
    [{ _id: 1, v: 5 }],
    { q: { _id: 1 }, u: { $min: { v: null } } },
    one,
    [{ _id: 1, v: null }],
  ),
  updateCase(
    named('$slice (update)', page('slice'), '$slice 0 empties the array'),
    [{ _id: 1, scores: [1, 2] }],
    { q: { _id: 1 }, u: { $push: { scores: { $each: [3], $slice: 0 } } } },
    one,
    [{ _id: 1, scores: [] }],
  ),
  updateCase(
    named('$pull', page('pull'), 'a condition with query operators on embedded documents'),
    [
      {
        _id: 1,
        results: [
          { item: 'A', score: 5 },
          { item: 'B', score: 9 },
          { item: 'C', score: 7 },
        ],
      },
    ],
    { q: { _id: 1 }, u: { $pull: { results: { score: { $gt: 6 }, item: { $ne: 'C' } } } } },
    one,
    [
      {
        _id: 1,
        results: [
          { item: 'A', score: 5 },
          { item: 'C', score: 7 },
        ],
      },
    ],
  ),
  updateCase(
    named(
      'upsert',
      'reference/method/db.collection.updateMany',
      'multi with upsert and no match inserts one document',
    ),
    [{ _id: 1, k: 'a' }],
    { q: { k: 'z' }, u: { $set: { v: 1 } }, upsert: true, multi: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: anyObjectId() }], ok: 1 },
    [
      { _id: 1, k: 'a' },
      { _id: anyObjectId(), k: 'z', v: 1 },
    ],
  ),
  {
    name: named(
      'upsert',
      'reference/method/db.collection.updateOne',
      'an upsert that would duplicate a unique key fails with 11000',
    ),
    docs: [{ _id: 1, email: 'a' }],
    indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }],
    run: { update: COLL, updates: [{ q: { _id: 2 }, u: { $set: { email: 'a' } }, upsert: true }] },
    expect: {
      writeErrors: [{ index: 0, code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a' } }],
      n: 0,
    },
    after: [{ _id: 1, email: 'a' }],
  },
  {
    name: named('update', 'reference/command/update', 'several statements report their counts together'),
    docs: [
      { _id: 1, a: 1 },
      { _id: 2, a: 2 },
    ],
    run: {
      update: COLL,
      updates: [
        { q: { _id: 1 }, u: { $set: { a: 10 } } },
        { q: { _id: 2 }, u: { $set: { a: 2 } } },
        { q: { _id: 3 }, u: { $set: { a: 3 } }, upsert: true },
      ],
    },
    expect: { reply: { n: 3, nModified: 1, upserted: [{ index: 2, _id: 3 }], ok: 1 } },
    after: [
      { _id: 1, a: 10 },
      { _id: 2, a: 2 },
      { _id: 3, a: 3 },
    ],
  },
  {
    name: named('delete', 'reference/command/delete', 'no match deletes nothing'),
    docs: [{ _id: 1 }],
    run: { delete: COLL, deletes: [{ q: { _id: 2 }, limit: 0 }] },
    expect: { reply: { n: 0, ok: 1 } },
    after: [{ _id: 1 }],
  },
  updateCase(
    named('$inc', page('inc'), 'a Long above 2^53 increments exactly and stays a Long'),
    [{ _id: 1, n: Long.fromString('9007199254740992') }],
    { q: { _id: 1 }, u: { $inc: { n: 1 } } },
    one,
    [{ _id: 1, n: Long.fromString('9007199254740993') }],
  ),
  updateCase(
    named('$inc', page('inc'), 'a Decimal128 increments exactly and stays a Decimal128'),
    [{ _id: 1, n: Decimal128.fromString('1.1') }],
    { q: { _id: 1 }, u: { $inc: { n: 1 } } },
    one,
    [{ _id: 1, n: Decimal128.fromString('2.1') }],
  ),
  updateCase(
    named('$addToSet', page('addToSet'), 'a missing field becomes an array of the values'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $addToSet: { tags: { $each: ['a', 'b', 'a'] } } } },
    one,
    [{ _id: 1, tags: ['a', 'b'] }],
  ),
  updateCase(
    named('$addToSet', page('addToSet'), 'an embedded document is added only if no equal document exists'),
    [{ _id: 1, items: [{ k: 1, v: 'a' }] }],
    { q: { _id: 1 }, u: { $addToSet: { items: { v: 'a', k: 1 } } } },
    one,
    [
      {
        _id: 1,
        items: [
          { k: 1, v: 'a' },
          { v: 'a', k: 1 },
        ],
      },
    ],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_UPDATE_MORE: ConformanceCase[] = [];
