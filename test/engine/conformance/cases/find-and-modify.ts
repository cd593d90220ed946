import { COLL, type ConformanceCase } from '../case';
import { anyObjectId, named } from './build';

const page = 'reference/command/findAndModify';
const people = [
  { _id: 1, name: 'Tom', state: 'active', rating: 100, score: 5 },
  { _id: 2, name: 'Tom', state: 'active', rating: 80, score: 3 },
  { _id: 3, name: 'Ann', state: 'inactive', rating: 90, score: 1 },
];

export const findAndModifyCases: ConformanceCase[] = [
  {
    name: named('findAndModify', page, 'returns the document before the update by default'),
    docs: people,
    run: { findAndModify: COLL, query: { _id: 3 }, update: { $inc: { score: 1 } } },
    expect: { reply: { lastErrorObject: { n: 1, updatedExisting: true }, value: people[2], ok: 1 } },
    after: [people[0], people[1], { ...people[2], score: 2 }],
  },
  {
    name: named('findAndModify', page, 'new: true returns the updated document'),
    docs: people,
    run: { findAndModify: COLL, query: { _id: 3 }, update: { $inc: { score: 1 } }, new: true },
    expect: {
      reply: { lastErrorObject: { n: 1, updatedExisting: true }, value: { ...people[2], score: 2 }, ok: 1 },
    },
  },
  {
    name: named('findAndModify', page, 'sort chooses which matching document is updated'),
    docs: people,
    run: {
      findAndModify: COLL,
      query: { name: 'Tom', state: 'active' },
      sort: { rating: 1 },
      update: { $inc: { score: 1 } },
      new: true,
    },
    expect: {
      reply: { lastErrorObject: { n: 1, updatedExisting: true }, value: { ...people[1], score: 4 }, ok: 1 },
    },
    after: [people[0], { ...people[1], score: 4 }, people[2]],
  },
  {
    name: named('findAndModify', page, 'fields projects the returned document'),
    docs: people,
    run: {
      findAndModify: COLL,
      query: { _id: 1 },
      update: { $set: { state: 'x' } },
      fields: { name: 1, state: 1 },
      new: true,
    },
    expect: {
      reply: {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: { _id: 1, name: 'Tom', state: 'x' },
        ok: 1,
      },
    },
  },
  {
    name: named('findAndModify', page, 'no match: value null and n 0'),
    docs: people,
    run: { findAndModify: COLL, query: { _id: 99 }, update: { $inc: { score: 1 } } },
    expect: { reply: { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 } },
  },
  {
    name: named('findAndModify', page, 'upsert with new: true returns the inserted document and its _id'),
    docs: people,
    run: {
      findAndModify: COLL,
      query: { _id: 4, name: 'Gus' },
      update: { $inc: { score: 1 } },
      upsert: true,
      new: true,
    },
    expect: {
      reply: {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: 4 },
        value: { _id: 4, name: 'Gus', score: 1 },
        ok: 1,
      },
    },
  },
  {
    name: named('findAndModify', page, 'upsert without new returns value null'),
    run: { findAndModify: COLL, query: { name: 'Gus' }, update: { $set: { score: 1 } }, upsert: true },
    expect: {
      reply: {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: anyObjectId() },
        value: null,
        ok: 1,
      },
    },
    after: [{ _id: anyObjectId(), name: 'Gus', score: 1 }],
  },
  {
    name: named('findAndModify', page, 'upsert applies $setOnInsert'),
    run: {
      findAndModify: COLL,
      query: { _id: 1 },
      update: { $set: { a: 1 }, $setOnInsert: { b: 2 } },
      upsert: true,
      new: true,
    },
    expect: {
      reply: {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: 1 },
        value: { _id: 1, a: 1, b: 2 },
        ok: 1,
      },
    },
  },
  {
    name: named('findAndModify', page, 'remove: true deletes and returns the document'),
    docs: people,
    run: { findAndModify: COLL, query: { state: 'active' }, sort: { rating: -1 }, remove: true },
    expect: { reply: { lastErrorObject: { n: 1 }, value: people[0], ok: 1 } },
    after: [people[1], people[2]],
  },
  {
    name: named('findAndModify', page, 'remove with no match returns null'),
    docs: people,
    run: { findAndModify: COLL, query: { _id: 99 }, remove: true },
    expect: { reply: { lastErrorObject: { n: 0 }, value: null, ok: 1 } },
  },
  {
    name: named('findAndModify', page, 'a replacement document keeps _id'),
    docs: people,
    run: { findAndModify: COLL, query: { _id: 2 }, update: { name: 'Tim' }, new: true },
    expect: {
      reply: { lastErrorObject: { n: 1, updatedExisting: true }, value: { _id: 2, name: 'Tim' }, ok: 1 },
    },
  },
  {
    name: named('findAndModify', page, 'arrayFilters select the array elements to update'),
    docs: [{ _id: 1, grades: [95, 92, 90] }],
    run: {
      findAndModify: COLL,
      query: { _id: 1 },
      update: { $set: { 'grades.$[e]': 100 } },
      arrayFilters: [{ e: { $gte: 92 } }],
      new: true,
    },
    expect: {
      reply: {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: { _id: 1, grades: [100, 100, 90] },
        ok: 1,
      },
    },
  },
  {
    name: named('findAndModify', page, 'a pipeline update'),
    docs: [{ _id: 1, a: 2, b: 5 }],
    run: {
      findAndModify: COLL,
      query: { _id: 1 },
      update: [{ $set: { sum: { $add: ['$a', '$b'] } } }],
      new: true,
    },
    expect: {
      reply: {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: { _id: 1, a: 2, b: 5, sum: 7 },
        ok: 1,
      },
    },
  },
  {
    name: named('findAndModify', page, 'a duplicate key fails the command with 11000'),
    docs: [
      { _id: 1, k: 'a' },
      { _id: 2, k: 'b' },
    ],
    indexes: [{ key: { k: 1 }, name: 'k_1', unique: true }],
    run: { findAndModify: COLL, query: { _id: 2 }, update: { $set: { k: 'a' } } },
    expect: { error: { code: 11000, codeName: 'DuplicateKey', keyPattern: { k: 1 }, keyValue: { k: 'a' } } },
  },
  {
    name: named('findAndModify', page, 'changing _id is ImmutableField (66)'),
    docs: [{ _id: 1 }],
    run: { findAndModify: COLL, query: { _id: 1 }, update: { $set: { _id: 2 } } },
    expect: { error: { code: 66, codeName: 'ImmutableField' } },
  },
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_FIND_AND_MODIFY: ConformanceCase[] = [];
