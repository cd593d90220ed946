import { Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId } from 'mongodb';
import type { ConformanceCase } from '../case';
import { findCase, named } from './build';

const page = (op: string): string => `reference/operator/query/${op}`;

const items = [
  { _id: 1, item: 'abc', price: 1.99, sale: true, qty: 5 },
  { _id: 2, item: 'xyz', price: 1.99, qty: 20 },
  { _id: 3, item: 'pqr', price: 3.5, sale: false, qty: 50 },
  { _id: 4, item: 'mno', sale: true, qty: 100 },
  { _id: 5, item: 'abd', price: 5, sale: false },
];

const oid = new ObjectId('5ab9cbfa31c2ab715d42129e');
const typed = [
  { _id: 1, v: 'text' },
  { _id: 2, v: new Int32(7) },
  { _id: 3, v: new Double(7.5) },
  { _id: 4, v: Long.fromNumber(8) },
  { _id: 5, v: Decimal128.fromString('9.5') },
  { _id: 6, v: oid },
  { _id: 7, v: new Date('2024-01-01T00:00:00Z') },
  { _id: 8, v: true },
  { _id: 9, v: null },
  { _id: 10, v: { a: 1 } },
  { _id: 11, v: ['text', 1] },
  { _id: 12 },
  { _id: 13, v: new MinKey() },
  { _id: 14, v: new MaxKey() },
  { _id: 15, v: [] },
];

export const queryLogicalElementCases: ConformanceCase[] = [
  findCase(
    named('$and', page('and'), 'all clauses must match'),
    items,
    { $and: [{ price: { $ne: 1.99 } }, { price: { $exists: true } }] },
    [3, 5],
  ),
  findCase(
    named('$and', page('and'), 'implicit AND of several conditions on one field'),
    items,
    { qty: { $gt: 5, $lt: 100 } },
    [2, 3],
  ),
  findCase(
    named('$or', page('or'), 'any clause may match'),
    items,
    { $or: [{ qty: { $lt: 10 } }, { price: 5 }] },
    [1, 5],
  ),
  findCase(
    named('$nor', page('nor'), 'no clause may match; missing fields do not match a clause'),
    items,
    { $nor: [{ price: 1.99 }, { sale: true }] },
    [3, 5],
  ),
  findCase(
    named('$not', page('not'), 'negates the expression and matches documents without the field'),
    items,
    { price: { $not: { $gt: 1.99 } } },
    [1, 2, 4],
  ),
  findCase(
    named('$not', page('not'), 'negates a regular expression'),
    items,
    { item: { $not: /^a/ } },
    [2, 3, 4],
  ),
  findCase(
    named('$exists', page('exists'), 'true matches documents with the field, null values included'),
    [
      { _id: 1, a: 5 },
      { _id: 2, a: null },
      { _id: 3, b: 1 },
    ],
    { a: { $exists: true } },
    [1, 2],
  ),
  findCase(
    named('$exists', page('exists'), 'false matches documents without the field'),
    [
      { _id: 1, a: 5 },
      { _id: 2, a: null },
      { _id: 3, b: 1 },
    ],
    { a: { $exists: false } },
    [3],
  ),
  findCase(
    named('$type', page('type'), '"string" matches strings and arrays with a string'),
    typed,
    { v: { $type: 'string' } },
    [1, 11],
  ),
  findCase(named('$type', page('type'), 'number 2 is the string type'), typed, { v: { $type: 2 } }, [1, 11]),
  findCase(
    named('$type', page('type'), '"int" matches 32-bit integers only'),
    typed,
    { v: { $type: 'int' } },
    [2, 11],
  ),
  findCase(
    named('$type', page('type'), '"double" matches doubles only'),
    typed,
    { v: { $type: 'double' } },
    [3],
  ),
  findCase(
    named('$type', page('type'), '"long" matches 64-bit integers'),
    typed,
    { v: { $type: 'long' } },
    [4],
  ),
  findCase(
    named('$type', page('type'), '"decimal" matches Decimal128'),
    typed,
    { v: { $type: 'decimal' } },
    [5],
  ),
  findCase(
    named('$type', page('type'), '"number" matches int, long, double and decimal'),
    typed,
    { v: { $type: 'number' } },
    [2, 3, 4, 5, 11],
  ),
  findCase(
    named('$type', page('type'), '"objectId" matches an ObjectId'),
    typed,
    { v: { $type: 'objectId' } },
    [6],
  ),
  findCase(named('$type', page('type'), 'number 7 is the ObjectId type'), typed, { v: { $type: 7 } }, [6]),
  findCase(named('$type', page('type'), '"date" matches dates'), typed, { v: { $type: 'date' } }, [7]),
  findCase(named('$type', page('type'), '"bool" matches booleans'), typed, { v: { $type: 'bool' } }, [8]),
  findCase(
    named('$type', page('type'), '"null" matches null values, not missing fields'),
    typed,
    { v: { $type: 'null' } },
    [9],
  ),
  findCase(
    named('$type', page('type'), '"object" matches embedded documents'),
    typed,
    { v: { $type: 'object' } },
    [10],
  ),
  findCase(
    named('$type', page('type'), '"array" matches array fields, empty ones included'),
    typed,
    { v: { $type: 'array' } },
    [11, 15],
  ),
  findCase(
    named('$type', page('type'), '"minKey" and "maxKey"'),
    typed,
    { v: { $type: ['minKey', 'maxKey'] } },
    [13, 14],
  ),
  findCase(
    named('$type', page('type'), 'an array of types matches any of them'),
    typed,
    { v: { $type: ['bool', 'date'] } },
    [7, 8],
  ),
];
