import { Decimal128 } from 'mongodb';
import type { ConformanceCase } from '../case';
import { anyDate, named, updateCase } from './build';

const page = (op: string): string => `reference/operator/update/${op}`;
const one = { n: 1, nModified: 1, ok: 1 };

function writeError(name: string, doc: object, u: object, code: number): ConformanceCase {
  return {
    ...updateCase(name, [doc as ConformanceCase['run']], { q: {}, u }, {}, [doc as ConformanceCase['run']]),
    expect: { writeErrors: [{ index: 0, code }], n: 0 },
  };
}

export const updateValidationCases: ConformanceCase[] = [
  updateCase(
    named('$set', page('set'), 'a whole embedded document keeps its own field order'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $set: { details: { zone: 1, area: 2 } } } },
    one,
    [{ _id: 1, details: { zone: 1, area: 2 } }],
  ),
  updateCase(
    named('$push', page('push'), '$each with $position on a missing field creates the array'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $push: { xs: { $each: [1, 2], $position: 0 } } } },
    one,
    [{ _id: 1, xs: [1, 2] }],
  ),
  updateCase(
    named('$pop', page('pop'), 'on a missing field changes nothing'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $pop: { xs: 1 } } },
    { n: 1, nModified: 0, ok: 1 },
    [{ _id: 1 }],
  ),
  writeError(
    named(
      'update',
      'reference/operator/update',
      'a path and its prefix in one update is ConflictingUpdateOperators (40)',
    ),
    { _id: 1 },
    { $set: { a: { x: 1 }, 'a.b': 2 } },
    40,
  ),
  writeError(
    named('$pull', page('pull'), 'on a field that is not an array is BadValue (2)'),
    { _id: 1, xs: 5 },
    { $pull: { xs: 5 } },
    2,
  ),
  writeError(
    named('$addToSet', page('addToSet'), 'on a field that is not an array is BadValue (2)'),
    { _id: 1, xs: 5 },
    { $addToSet: { xs: 6 } },
    2,
  ),
  updateCase(
    named('$set', page('set'), 'new embedded fields are added in lexicographic order too'),
    [{ _id: 1, details: { make: 'x' } }],
    { q: { _id: 1 }, u: { $set: { 'details.zone': 1, 'details.area': 2 } } },
    one,
    [{ _id: 1, details: { make: 'x', area: 2, zone: 1 } }],
  ),
  writeError(
    named('$inc', page('inc'), 'a non-numeric argument is TypeMismatch (14)'),
    { _id: 1, n: 1 },
    { $inc: { n: 'one' } },
    14,
  ),
  updateCase(
    named('$mul', page('mul'), 'a Decimal128 times an integer is an exact Decimal128'),
    [{ _id: 1, price: Decimal128.fromString('10.50') }],
    { q: { _id: 1 }, u: { $mul: { price: 2 } } },
    one,
    [{ _id: 1, price: Decimal128.fromString('21.00') }],
  ),
  updateCase(
    named('$currentDate', page('currentDate'), 'on upsert the date is part of the inserted document'),
    [],
    { q: { _id: 1 }, u: { $currentDate: { at: true }, $set: { a: 1 } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: 1 }], ok: 1 },
    [{ _id: 1, a: 1, at: anyDate() }],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_UPDATE_VALIDATION: ConformanceCase[] = [];
