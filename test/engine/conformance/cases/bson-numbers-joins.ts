import { Decimal128, Long, ObjectId } from 'mongodb';
import { COLL, OTHER, type ConformanceCase } from '../case';
import { aggregateCase, findCase, named } from './build';

const page = (op: string): string => `reference/operator/aggregation/${op}`;
const org = new ObjectId('5ab9cbfa31c2ab715d42129e');

const values = [
  { _id: 1, v: Decimal128.fromString('2.5') },
  { _id: 2, v: 3 },
  { _id: 3, v: Decimal128.fromString('10.5') },
  { _id: 4, v: Long.fromNumber(5) },
];

export const bsonNumberJoinCases: ConformanceCase[] = [
  aggregateCase(
    named('$max', page('max'), 'Decimal128, Long and int compare by value'),
    values,
    [{ $group: { _id: null, top: { $max: '$v' }, low: { $min: '$v' } } }],
    [{ _id: null, top: Decimal128.fromString('10.5'), low: Decimal128.fromString('2.5') }],
  ),
  {
    name: named(
      'sort',
      'reference/method/cursor.sort',
      'through an index, Decimal128, Long and int sort by value',
    ),
    docs: values,
    indexes: [{ key: { v: 1 }, name: 'v_1' }],
    run: { find: COLL, filter: { v: { $gte: 3 } }, sort: { v: 1 }, projection: { _id: 1 } },
    expect: { docs: [{ _id: 2 }, { _id: 4 }, { _id: 3 }] },
  },
  findCase(
    named('$type', 'reference/operator/query/type', '"long" matches a small Long too'),
    values,
    { v: { $type: 'long' } },
    [4],
  ),
  aggregateCase(
    named('$toString', page('toString'), 'a Long above 2^53 keeps every digit'),
    [{ _id: 1, n: Long.fromString('9007199254740993') }],
    [{ $project: { _id: 0, s: { $toString: '$n' } } }],
    [{ s: '9007199254740993' }],
  ),
  {
    name: named('$lookup', page('lookup'), 'an array localField matches each of its elements'),
    docs: [{ _id: 1, items: ['a', 'b'] }],
    otherDocs: [
      { _id: 10, sku: 'a' },
      { _id: 11, sku: 'b' },
      { _id: 12, sku: 'c' },
    ],
    run: {
      aggregate: COLL,
      pipeline: [{ $lookup: { from: OTHER, localField: 'items', foreignField: 'sku', as: 'found' } }],
      cursor: {},
    },
    expect: {
      docs: [
        {
          _id: 1,
          items: ['a', 'b'],
          found: [
            { _id: 10, sku: 'a' },
            { _id: 11, sku: 'b' },
          ],
        },
      ],
    },
  },
  {
    name: named('$lookup', page('lookup'), 'joins a string reference to an ObjectId with $toObjectId'),
    docs: [{ _id: 1, orgRef: '5ab9cbfa31c2ab715d42129e' }],
    otherDocs: [{ _id: org, name: 'Acme' }],
    run: {
      aggregate: COLL,
      pipeline: [
        {
          $lookup: {
            from: OTHER,
            let: { id: { $toObjectId: '$orgRef' } },
            pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$id'] } } }, { $project: { _id: 0, name: 1 } }],
            as: 'org',
          },
        },
      ],
      cursor: {},
    },
    expect: { docs: [{ _id: 1, orgRef: '5ab9cbfa31c2ab715d42129e', org: [{ name: 'Acme' }] }] },
  },
  aggregateCase(
    named(
      '$replaceRoot',
      page('replaceRoot'),
      '$mergeObjects with $$ROOT keeps the document order and adds fields',
    ),
    [{ _id: 1, a: 1, extra: { a: 2, b: 3 } }],
    [{ $replaceRoot: { newRoot: { $mergeObjects: ['$$ROOT', '$extra'] } } }, { $project: { extra: 0 } }],
    [{ _id: 1, a: 2, b: 3 }],
  ),
  aggregateCase(
    named('$unwind', page('unwind'), 'then $group with $push rebuilds the array'),
    [{ _id: 1, xs: [3, 1, 2] }],
    [{ $unwind: '$xs' }, { $sort: { xs: 1 } }, { $group: { _id: '$_id', xs: { $push: '$xs' } } }],
    [{ _id: 1, xs: [1, 2, 3] }],
  ),
];
