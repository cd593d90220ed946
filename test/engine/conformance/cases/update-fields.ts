import type { ConformanceCase } from '../case';
import { anyDate, anyTimestamp, named, updateCase } from './build';

const page = (op: string): string => `reference/operator/update/${op}`;
const one = { n: 1, nModified: 1, ok: 1 };
const unchanged = { n: 1, nModified: 0, ok: 1 };

export const updateFieldCases: ConformanceCase[] = [
  updateCase(
    named('$set', page('set'), 'replaces an existing value in place and appends a new field'),
    [{ _id: 1, a: 1, c: 3 }],
    { q: { _id: 1 }, u: { $set: { b: 2, a: 5 } } },
    one,
    [{ _id: 1, a: 5, c: 3, b: 2 }],
  ),
  updateCase(
    named('$set', page('set'), 'a dotted path creates the missing embedded documents'),
    [{ _id: 1, item: 'x' }],
    { q: { _id: 1 }, u: { $set: { 'details.make': 'Kustom', 'details.model': 'K2' } } },
    one,
    [{ _id: 1, item: 'x', details: { make: 'Kustom', model: 'K2' } }],
  ),
  updateCase(
    named('$set', page('set'), 'a numeric path component sets that array element'),
    [{ _id: 1, tags: ['a', 'b', 'c'] }],
    { q: { _id: 1 }, u: { $set: { 'tags.1': 'B' } } },
    one,
    [{ _id: 1, tags: ['a', 'B', 'c'] }],
  ),
  updateCase(
    named('$set', page('set'), 'setting the current value matches but modifies nothing'),
    [{ _id: 1, a: 1 }],
    { q: { _id: 1 }, u: { $set: { a: 1 } } },
    unchanged,
    [{ _id: 1, a: 1 }],
  ),
  updateCase(
    named('update', 'reference/command/update', 'multi: true updates every matching document'),
    [
      { _id: 1, a: 1 },
      { _id: 2, a: 1 },
      { _id: 3, a: 2 },
    ],
    { q: { a: 1 }, u: { $set: { b: true } }, multi: true },
    { n: 2, nModified: 2, ok: 1 },
    [
      { _id: 1, a: 1, b: true },
      { _id: 2, a: 1, b: true },
      { _id: 3, a: 2 },
    ],
  ),
  updateCase(
    named('update', 'reference/command/update', 'no match and no upsert: n 0'),
    [{ _id: 1, a: 1 }],
    { q: { a: 9 }, u: { $set: { b: 1 } } },
    { n: 0, nModified: 0, ok: 1 },
    [{ _id: 1, a: 1 }],
  ),
  updateCase(
    named('$unset', page('unset'), 'removes the fields; a missing field is ignored'),
    [{ _id: 1, sku: 'unknown', quantity: 2, instock: true }],
    { q: { _id: 1 }, u: { $unset: { quantity: '', instock: '', nothere: '' } } },
    one,
    [{ _id: 1, sku: 'unknown' }],
  ),
  updateCase(
    named('$unset', page('unset'), 'on an array element sets it to null instead of removing it'),
    [{ _id: 1, tags: ['a', 'b', 'c'] }],
    { q: { _id: 1 }, u: { $unset: { 'tags.1': '' } } },
    one,
    [{ _id: 1, tags: ['a', null, 'c'] }],
  ),
  updateCase(
    named('$inc', page('inc'), 'increments and decrements, embedded fields included'),
    [{ _id: 1, sku: 'abc123', quantity: 10, metrics: { orders: 2, ratings: 3.5 } }],
    { q: { _id: 1 }, u: { $inc: { quantity: -2, 'metrics.orders': 1 } } },
    one,
    [{ _id: 1, sku: 'abc123', quantity: 8, metrics: { orders: 3, ratings: 3.5 } }],
  ),
  updateCase(
    named('$inc', page('inc'), 'a missing field is created with the increment'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $inc: { views: 5 } } },
    one,
    [{ _id: 1, views: 5 }],
  ),
  updateCase(
    named('$mul', page('mul'), 'multiplies the value'),
    [{ _id: 1, price: 10, qty: 25 }],
    { q: { _id: 1 }, u: { $mul: { price: 2, qty: 2 } } },
    one,
    [{ _id: 1, price: 20, qty: 50 }],
  ),
  updateCase(
    named('$mul', page('mul'), 'a missing field is set to 0'),
    [{ _id: 1, item: 'x' }],
    { q: { _id: 1 }, u: { $mul: { price: 100 } } },
    one,
    [{ _id: 1, item: 'x', price: 0 }],
  ),
  updateCase(
    named('$min', page('min'), 'sets the value when the given one is smaller'),
    [{ _id: 1, highScore: 800, lowScore: 200 }],
    { q: { _id: 1 }, u: { $min: { lowScore: 150 } } },
    one,
    [{ _id: 1, highScore: 800, lowScore: 150 }],
  ),
  updateCase(
    named('$min', page('min'), 'keeps the value when the given one is larger'),
    [{ _id: 1, highScore: 800, lowScore: 200 }],
    { q: { _id: 1 }, u: { $min: { lowScore: 250 } } },
    unchanged,
    [{ _id: 1, highScore: 800, lowScore: 200 }],
  ),
  updateCase(
    named('$max', page('max'), 'sets the value when the given one is larger'),
    [{ _id: 1, highScore: 800, lowScore: 200 }],
    { q: { _id: 1 }, u: { $max: { highScore: 950 } } },
    one,
    [{ _id: 1, highScore: 950, lowScore: 200 }],
  ),
  updateCase(
    named('$max', page('max'), 'compares dates'),
    [{ _id: 1, at: new Date('2024-01-01T00:00:00Z') }],
    { q: { _id: 1 }, u: { $max: { at: new Date('2024-05-01T00:00:00Z') } } },
    one,
    [{ _id: 1, at: new Date('2024-05-01T00:00:00Z') }],
  ),
  updateCase(
    named('$max', page('max'), 'a missing field is set to the value'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $max: { best: 3 } } },
    one,
    [{ _id: 1, best: 3 }],
  ),
  {
    ...updateCase(
      named('$rename', page('rename'), 'renames a field'),
      [{ _id: 1, nmae: 'betty', age: 20 }],
      { q: { _id: 1 }, u: { $rename: { nmae: 'name' } } },
      one,
      [{ _id: 1, age: 20, name: 'betty' }],
    ),
    anyKeyOrder: true,
  },
  {
    ...updateCase(
      named('$rename', page('rename'), 'moves a field out of an embedded document and overwrites the target'),
      [{ _id: 1, name: { first: 'george', last: 'w' }, first: 'old' }],
      { q: { _id: 1 }, u: { $rename: { 'name.first': 'first' } } },
      one,
      [{ _id: 1, name: { last: 'w' }, first: 'george' }],
    ),
    anyKeyOrder: true,
  },
  updateCase(
    named('$rename', page('rename'), 'a missing source field does nothing'),
    [{ _id: 1, a: 1 }],
    { q: { _id: 1 }, u: { $rename: { nothere: 'b' } } },
    unchanged,
    [{ _id: 1, a: 1 }],
  ),
  {
    ...updateCase(
      named('update', 'reference/operator/update', 'an unknown modifier is FailedToParse (9)'),
      [{ _id: 1, a: 1 }],
      { q: { _id: 1 }, u: { $foo: { a: 2 } } },
      {},
      [{ _id: 1, a: 1 }],
    ),
    expect: { writeErrors: [{ index: 0, code: 9 }], n: 0 },
  },
  {
    ...updateCase(
      named('$inc', page('inc'), 'on a non-numeric field is a write error TypeMismatch (14)'),
      [{ _id: 1, name: 'x' }],
      { q: { _id: 1 }, u: { $inc: { name: 1 } } },
      {},
      [{ _id: 1, name: 'x' }],
    ),
    expect: { writeErrors: [{ index: 0, code: 14 }], n: 0 },
  },
  {
    ...updateCase(
      named(
        'update',
        'reference/operator/update',
        'two operators on one path is ConflictingUpdateOperators (40)',
      ),
      [{ _id: 1, a: 1 }],
      { q: { _id: 1 }, u: { $set: { a: 2 }, $inc: { a: 1 } } },
      {},
      [{ _id: 1, a: 1 }],
    ),
    expect: { writeErrors: [{ index: 0, code: 40 }], n: 0 },
  },
  updateCase(
    named('$set', page('set'), 'new fields are added in lexicographic order of their names'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $set: { zeta: 1, alpha: 2, mid: 3 } } },
    one,
    [{ _id: 1, alpha: 2, mid: 3, zeta: 1 }],
  ),
  updateCase(
    named(
      '$currentDate',
      page('currentDate'),
      'true or {$type: "date"} sets a Date, {$type: "timestamp"} a Timestamp',
    ),
    [{ _id: 1, status: 'a' }],
    {
      q: { _id: 1 },
      u: { $currentDate: { lastModified: true, 'cancellation.date': { $type: 'timestamp' } } },
    },
    one,
    [{ _id: 1, status: 'a', cancellation: { date: anyTimestamp() }, lastModified: anyDate() }],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_UPDATE_FIELDS: ConformanceCase[] = [];
