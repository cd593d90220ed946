import { Decimal128, Double, Int32, Long } from 'mongodb';
import type { ConformanceCase } from '../case';
import { findCase, named } from './build';

const page = (op: string): string => `reference/operator/query/${op}`;

const inventory = [
  { _id: 1, item: { name: 'ab', code: '123' }, qty: 15, tags: ['A', 'B', 'C'] },
  { _id: 2, item: { name: 'cd', code: '123' }, qty: 20, tags: ['B'] },
  { _id: 3, item: { name: 'ij', code: '456' }, qty: 25, tags: ['A', 'B'] },
  { _id: 4, item: { name: 'xy', code: '456' }, qty: 30, tags: ['B', 'A'] },
  { _id: 5, item: { name: 'mn', code: '000' }, qty: 20, tags: [['A', 'B'], 'C'] },
];

const withMissing = [{ _id: 1, qty: 20 }, { _id: 2, qty: 25 }, { _id: 3 }, { _id: 4, qty: null }];

export const queryComparisonCases: ConformanceCase[] = [
  findCase(
    named('$eq', page('eq'), 'matches a field equal to the value'),
    inventory,
    { qty: { $eq: 20 } },
    [2, 5],
  ),
  findCase(named('$eq', page('eq'), 'implicit equality is the same as $eq'), inventory, { qty: 20 }, [2, 5]),
  findCase(
    named('$eq', page('eq'), 'equality on an embedded field through dot notation'),
    inventory,
    { 'item.name': { $eq: 'ab' } },
    [1],
  ),
  findCase(
    named('$eq', page('eq'), 'an array field matches when one element equals the value'),
    inventory,
    { tags: { $eq: 'B' } },
    [1, 2, 3, 4],
  ),
  findCase(
    named(
      '$eq',
      page('eq'),
      'an array value matches the whole array in the same order, or an element that is that array',
    ),
    inventory,
    { tags: { $eq: ['A', 'B'] } },
    [3, 5],
  ),
  findCase(
    named('$eq', page('eq'), 'an embedded document matches only the exact document, field order included'),
    [
      { _id: 1, item: { name: 'ab', code: '123' } },
      { _id: 2, item: { code: '123', name: 'ab' } },
      { _id: 3, item: { name: 'ab', code: '123', extra: 1 } },
    ],
    { item: { name: 'ab', code: '123' } },
    [1],
  ),
  findCase(
    named('$gt', page('gt'), 'matches values greater than the value'),
    inventory,
    { qty: { $gt: 20 } },
    [3, 4],
  ),
  findCase(
    named('$gte', page('gte'), 'matches values greater than or equal'),
    inventory,
    { qty: { $gte: 20 } },
    [2, 3, 4, 5],
  ),
  findCase(
    named('$lt', page('lt'), 'matches values less than the value'),
    inventory,
    { qty: { $lt: 20 } },
    [1],
  ),
  findCase(
    named('$lte', page('lte'), 'matches values less than or equal'),
    inventory,
    { qty: { $lte: 20 } },
    [1, 2, 5],
  ),
  findCase(
    named(
      '$gt',
      page('gt'),
      'comparison only matches values of the same BSON type bracket (no string for a number)',
    ),
    [
      { _id: 1, qty: '30' },
      { _id: 2, qty: 30 },
      { _id: 3, qty: true },
    ],
    { qty: { $gt: 10 } },
    [2],
  ),
  findCase(
    named('$ne', page('ne'), 'matches values not equal, including documents without the field'),
    withMissing,
    { qty: { $ne: 20 } },
    [2, 3, 4],
  ),
  findCase(
    named('$ne', page('ne'), 'an array field matches only if no element equals the value'),
    inventory,
    { tags: { $ne: 'A' } },
    [2, 5],
  ),
  findCase(
    named('$in', page('in'), 'matches any of the listed values'),
    inventory,
    { qty: { $in: [15, 30] } },
    [1, 4],
  ),
  findCase(
    named('$in', page('in'), 'an array field matches when any element is in the list'),
    inventory,
    { tags: { $in: ['C', 'Z'] } },
    [1, 5],
  ),
  findCase(
    named('$in', page('in'), 'regular expressions in the list match strings'),
    [
      { _id: 1, tags: ['school', 'book'] },
      { _id: 2, tags: ['appliance', 'electronics'] },
      { _id: 3, tags: ['storage'] },
    ],
    { tags: { $in: [/^be/, /^st/] } },
    [3],
  ),
  findCase(
    named('$in', page('in'), 'null in the list matches missing fields and null values'),
    withMissing,
    { qty: { $in: [null, 25] } },
    [2, 3, 4],
  ),
  findCase(
    named('$nin', page('nin'), 'matches values not in the list, including documents without the field'),
    withMissing,
    { qty: { $nin: [20, 25] } },
    [3, 4],
  ),
  findCase(
    named('null', 'tutorial/query-for-null-fields', '{ field: null } matches null values and missing fields'),
    withMissing,
    { qty: null },
    [3, 4],
  ),
  findCase(
    named('$eq', page('eq'), 'numbers of different types compare by value (int, long, double, decimal)'),
    [
      { _id: 1, qty: new Int32(20) },
      { _id: 2, qty: Long.fromNumber(20) },
      { _id: 3, qty: new Double(20) },
      { _id: 4, qty: Decimal128.fromString('20.0') },
      { _id: 5, qty: 21 },
    ],
    { qty: 20 },
    [1, 2, 3, 4],
  ),
  findCase(
    named('$gt', 'reference/bson-types', 'a 64-bit long above 2^53 compares exactly'),
    [
      { _id: 1, n: Long.fromString('9007199254740993') },
      { _id: 2, n: Long.fromString('9007199254740992') },
      { _id: 3, n: Long.fromString('-9007199254740993') },
    ],
    { n: { $gt: Long.fromString('9007199254740992') } },
    [1],
  ),
  findCase(
    named('$lt', 'reference/bson-types', 'Decimal128 values compare exactly with decimals and doubles'),
    [
      { _id: 1, price: Decimal128.fromString('0.3') },
      { _id: 2, price: Decimal128.fromString('0.05') },
      { _id: 3, price: 0.2 },
      { _id: 4, price: Decimal128.fromString('9999999999999999999.01') },
    ],
    { price: { $lt: Decimal128.fromString('0.25') } },
    [2, 3],
  ),
  findCase(
    named('$eq', 'reference/bson-types', 'Decimal128 equals an integer of the same value'),
    [
      { _id: 1, price: 5 },
      { _id: 2, price: 5.5 },
      { _id: 3, price: Decimal128.fromString('5.00') },
    ],
    { price: Decimal128.fromString('5') },
    [1, 3],
  ),
  findCase(
    named('$lte', page('lte'), 'dates compare chronologically'),
    [
      { _id: 1, at: new Date('2024-01-01T00:00:00Z') },
      { _id: 2, at: new Date('2024-06-01T00:00:00Z') },
      { _id: 3, at: '2024-01-01' },
    ],
    { at: { $lte: new Date('2024-03-01T00:00:00Z') } },
    [1],
  ),
];
