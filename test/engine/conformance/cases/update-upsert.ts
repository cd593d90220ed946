import { COLL, type ConformanceCase } from '../case';
import { anyObjectId, named, updateCase } from './build';

const page = (op: string): string => `reference/operator/update/${op}`;
const upsertPage = 'reference/method/db.collection.updateOne';

export const updateUpsertCases: ConformanceCase[] = [
  updateCase(
    named('$setOnInsert', page('setOnInsert'), 'applied when the upsert inserts'),
    [],
    { q: { _id: 1 }, u: { $set: { a: 'apple' }, $setOnInsert: { b: 100 } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: 1 }], ok: 1 },
    [{ _id: 1, a: 'apple', b: 100 }],
  ),
  updateCase(
    named('$setOnInsert', page('setOnInsert'), 'ignored when the update matches an existing document'),
    [{ _id: 1, a: 'pear' }],
    { q: { _id: 1 }, u: { $set: { a: 'apple' }, $setOnInsert: { b: 100 } }, upsert: true },
    { n: 1, nModified: 1, ok: 1 },
    [{ _id: 1, a: 'apple' }],
  ),
  updateCase(
    named(
      'upsert',
      upsertPage,
      'the new document takes the equality conditions of the filter, not the comparisons',
    ),
    [],
    { q: { _id: 7, name: 'Andy', rating: { $gt: 3 } }, u: { $inc: { score: 1 } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: 7 }], ok: 1 },
    [{ _id: 7, name: 'Andy', score: 1 }],
  ),
  updateCase(
    named('upsert', upsertPage, 'dotted equality and $and equalities build embedded fields'),
    [],
    { q: { _id: 3, $and: [{ 'a.b': 1 }, { c: { $eq: 'x' } }] }, u: { $set: { d: true } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: 3 }], ok: 1 },
    [{ _id: 3, a: { b: 1 }, c: 'x', d: true }],
  ),
  updateCase(
    named('upsert', upsertPage, 'without _id in the filter, an ObjectId _id is generated first'),
    [],
    { q: { name: 'Ann' }, u: { $set: { age: 30 } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: anyObjectId() }], ok: 1 },
    [{ _id: anyObjectId(), name: 'Ann', age: 30 }],
  ),
  updateCase(
    named(
      'upsert',
      'reference/method/db.collection.replaceOne',
      'a replacement document is inserted as given, with the filter _id',
    ),
    [],
    { q: { _id: 9, name: 'ignored' }, u: { name: 'Bo', v: 1 }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: 9 }], ok: 1 },
    [{ _id: 9, name: 'Bo', v: 1 }],
  ),
  updateCase(
    named('update', 'reference/command/update', 'a replacement document replaces every field but _id'),
    [{ _id: 1, a: 1, b: 2 }],
    { q: { _id: 1 }, u: { c: 3 } },
    { n: 1, nModified: 1, ok: 1 },
    [{ _id: 1, c: 3 }],
  ),
  updateCase(
    named(
      'updates with aggregation pipeline',
      'tutorial/update-documents-with-aggregation-pipeline',
      '$set and $unset stages compute from the document',
    ),
    [
      { _id: 1, a: 2, b: 3, tmp: 'x' },
      { _id: 2, a: 10, b: 1, tmp: 'y' },
    ],
    { q: {}, u: [{ $set: { total: { $add: ['$a', '$b'] } } }, { $unset: 'tmp' }], multi: true },
    { n: 2, nModified: 2, ok: 1 },
    [
      { _id: 1, a: 2, b: 3, total: 5 },
      { _id: 2, a: 10, b: 1, total: 11 },
    ],
  ),
  updateCase(
    named(
      'updates with aggregation pipeline',
      'tutorial/update-documents-with-aggregation-pipeline',
      '$replaceRoot with $mergeObjects',
    ),
    [{ _id: 1, name: 'x', extra: { a: 1 } }],
    {
      q: { _id: 1 },
      u: [
        {
          $replaceRoot: {
            newRoot: { $mergeObjects: [{ _id: '$_id', name: '$name', a: 0, b: 0 }, '$extra'] },
          },
        },
      ],
    },
    { n: 1, nModified: 1, ok: 1 },
    [{ _id: 1, name: 'x', a: 1, b: 0 }],
  ),
  {
    ...updateCase(
      named('_id', 'core/document', 'a replacement with another _id is ImmutableField (66)'),
      [{ _id: 1, a: 1 }],
      { q: { _id: 1 }, u: { _id: 5, a: 2 } },
      {},
      [{ _id: 1, a: 1 }],
    ),
    expect: { writeErrors: [{ index: 0, code: 66 }], n: 0 },
  },
  updateCase(
    named('_id', 'core/document', 'a replacement repeating the same _id is allowed'),
    [{ _id: 1, a: 1 }],
    { q: { _id: 1 }, u: { _id: 1, a: 2 } },
    { n: 1, nModified: 1, ok: 1 },
    [{ _id: 1, a: 2 }],
  ),
  {
    name: named('delete', 'reference/command/delete', 'limit 1 deletes one matching document'),
    docs: [
      { _id: 1, s: 'D' },
      { _id: 2, s: 'D' },
      { _id: 3, s: 'A' },
    ],
    run: { delete: COLL, deletes: [{ q: { s: 'D' }, limit: 1 }] },
    expect: { reply: { n: 1, ok: 1 } },
    after: [
      { _id: 2, s: 'D' },
      { _id: 3, s: 'A' },
    ],
  },
  {
    name: named('delete', 'reference/command/delete', 'limit 0 deletes every matching document'),
    docs: [
      { _id: 1, s: 'D' },
      { _id: 2, s: 'D' },
      { _id: 3, s: 'A' },
    ],
    run: { delete: COLL, deletes: [{ q: { s: 'D' }, limit: 0 }] },
    expect: { reply: { n: 2, ok: 1 } },
    after: [{ _id: 3, s: 'A' }],
  },
  {
    name: named('insert', 'reference/command/insert', 'ordered insert stops at the first error'),
    docs: [{ _id: 1 }],
    run: { insert: COLL, documents: [{ _id: 2 }, { _id: 1 }, { _id: 3 }] },
    expect: { writeErrors: [{ index: 1, code: 11000 }], n: 1 },
    after: [{ _id: 1 }, { _id: 2 }],
  },
  {
    name: named('insert', 'reference/command/insert', 'unordered insert goes on after an error'),
    docs: [{ _id: 1 }],
    run: { insert: COLL, documents: [{ _id: 2 }, { _id: 1 }, { _id: 3 }], ordered: false },
    expect: { writeErrors: [{ index: 1, code: 11000 }], n: 2 },
    after: [{ _id: 1 }, { _id: 2 }, { _id: 3 }],
  },
  {
    name: named(
      'insert',
      'reference/command/insert',
      'a document without _id gets an ObjectId _id as its first field',
    ),
    run: { insert: COLL, documents: [{ a: 1, b: 2 }] },
    expect: { reply: { n: 1, ok: 1 } },
    after: [{ _id: anyObjectId(), a: 1, b: 2 }],
  },
  {
    ...updateCase(
      named('_id', 'core/document', '$set on _id is ImmutableField (66)'),
      [{ _id: 1, a: 1 }],
      { q: { _id: 1 }, u: { $set: { _id: 2 } } },
      {},
      [{ _id: 1, a: 1 }],
    ),
    expect: { writeErrors: [{ index: 0, code: 66 }], n: 0 },
  },
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_UPSERT: ConformanceCase[] = [];
