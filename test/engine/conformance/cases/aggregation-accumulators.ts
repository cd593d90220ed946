import { ObjectId } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';
import { aggregateCase, named } from './build';

const page = (op: string): string => `reference/operator/aggregation/${op}`;
const a = new ObjectId('5ab9cbfa31c2ab715d42129e');
const b = new ObjectId('5ab9cbfa31c2ab715d42129f');

const signatories = [
  { _id: a, name: 'Acme', country: 'FR', sector: 'tech', joined: new Date('2019-05-01T00:00:00Z'), score: 4 },
  {
    _id: b,
    name: 'Bolt',
    country: 'DE',
    sector: 'tech',
    joined: new Date('2021-01-15T00:00:00Z'),
    score: 'n/a',
  },
  { _id: 3, name: 'Cargo', country: 'FR', sector: 'ngo', joined: new Date('2020-07-07T00:00:00Z') },
];

export const aggregationAccumulatorCases: ConformanceCase[] = [
  aggregateCase(
    named('$avg', page('avg'), 'a group with no numeric value averages to null'),
    signatories,
    [{ $match: { sector: 'ngo' } }, { $group: { _id: '$sector', avg: { $avg: '$score' } } }],
    [{ _id: 'ngo', avg: null }],
  ),
  aggregateCase(
    named('$max', page('max'), 'compares values of different types in BSON order'),
    signatories,
    [{ $group: { _id: null, top: { $max: '$score' }, low: { $min: '$score' } } }],
    [{ _id: null, top: 'n/a', low: 4 }],
  ),
  aggregateCase(
    named('$min', page('min'), 'the earliest date of each group'),
    signatories,
    [{ $group: { _id: '$country', first: { $min: '$joined' } } }, { $sort: { _id: 1 } }],
    [
      { _id: 'DE', first: new Date('2021-01-15T00:00:00Z') },
      { _id: 'FR', first: new Date('2019-05-01T00:00:00Z') },
    ],
  ),
  aggregateCase(
    named('$facet', page('facet'), '$sortByCount facets count each value'),
    signatories,
    [{ $facet: { byCountry: [{ $sortByCount: '$country' }], bySector: [{ $sortByCount: '$sector' }] } }],
    [
      {
        byCountry: [
          { _id: 'FR', count: 2 },
          { _id: 'DE', count: 1 },
        ],
        bySector: [
          { _id: 'tech', count: 2 },
          { _id: 'ngo', count: 1 },
        ],
      },
    ],
  ),
  aggregateCase(
    named('$match', page('match'), '$in over ObjectId and number _ids'),
    signatories,
    [{ $match: { _id: { $in: [b, 3] } } }, { $project: { name: 1 } }, { $sort: { name: 1 } }],
    [
      { _id: b, name: 'Bolt' },
      { _id: 3, name: 'Cargo' },
    ],
  ),
  aggregateCase(
    named('$switch', page('switch'), 'the first true branch, else the default'),
    signatories,
    [
      { $sort: { name: 1 } },
      {
        $project: {
          _id: 0,
          name: 1,
          era: {
            $switch: {
              branches: [
                { case: { $lt: ['$joined', new Date('2020-01-01T00:00:00Z')] }, then: 'early' },
                { case: { $lt: ['$joined', new Date('2021-01-01T00:00:00Z')] }, then: 'middle' },
              ],
              default: 'late',
            },
          },
        },
      },
    ],
    [
      { name: 'Acme', era: 'early' },
      { name: 'Bolt', era: 'late' },
      { name: 'Cargo', era: 'middle' },
    ],
  ),
  aggregateCase(
    named('$regexMatch', page('regexMatch'), 'tests a string against a pattern'),
    signatories,
    [
      { $sort: { name: 1 } },
      { $project: { _id: 0, name: 1, c: { $regexMatch: { input: '$name', regex: /^c/i } } } },
    ],
    [
      { name: 'Acme', c: false },
      { name: 'Bolt', c: false },
      { name: 'Cargo', c: true },
    ],
  ),
  aggregateCase(
    named('$split', page('split'), 'splits a string by a delimiter'),
    [{ _id: 1, city: 'Paris, France' }],
    [{ $project: { _id: 0, parts: { $split: ['$city', ', '] } } }],
    [{ parts: ['Paris', 'France'] }],
  ),
  aggregateCase(
    named('$toLower', page('toLower'), 'a null argument gives an empty string'),
    [
      { _id: 1, item: 'ABC1', description: 'PRODUCT 1' },
      { _id: 3, item: 'xyz1', description: null },
    ],
    [{ $project: { item: { $toLower: '$item' }, description: { $toLower: '$description' } } }],
    [
      { _id: 1, item: 'abc1', description: 'product 1' },
      { _id: 3, item: 'xyz1', description: '' },
    ],
  ),
  aggregateCase(
    named('$toUpper', page('toUpper'), 'a null argument gives an empty string'),
    [{ _id: 1, d: null }],
    [{ $project: { d: { $toUpper: '$d' } } }],
    [{ _id: 1, d: '' }],
  ),
  aggregateCase(
    named('$concatArrays', page('concatArrays'), 'joins arrays in order'),
    [{ _id: 1, a: [1, 2], b: [3] }],
    [{ $project: { _id: 0, all: { $concatArrays: ['$a', '$b', [4]] } } }],
    [{ all: [1, 2, 3, 4] }],
  ),
  {
    name: named(
      'countDocuments',
      'reference/method/db.collection.countDocuments',
      'skip and limit come before the $group',
    ),
    docs: signatories,
    run: {
      aggregate: COLL,
      pipeline: [
        { $match: { sector: 'tech' } },
        { $skip: 1 },
        { $limit: 5 },
        { $group: { _id: 1, n: { $sum: 1 } } },
      ],
      cursor: {},
    },
    expect: { docs: [{ _id: 1, n: 1 }] },
  },
];
