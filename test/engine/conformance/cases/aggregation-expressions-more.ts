import { COLL, type ConformanceCase } from '../case';
import { aggregateCase, named } from './build';

const page = (op: string): string => `reference/operator/aggregation/${op}`;
const doc = [
  { _id: 1, xs: [10, 20, 30], at: new Date('2024-03-05T10:20:30Z'), a: null, b: 'B', o: { k: 'v', n: 1 } },
];

export const aggregationExpressionMoreCases: ConformanceCase[] = [
  aggregateCase(
    named('$arrayElemAt', page('arrayElemAt'), 'an index past the end gives no field'),
    doc,
    [{ $project: { x: { $arrayElemAt: ['$xs', 5] } } }],
    [{ _id: 1 }],
  ),
  {
    name: named('$size', page('size'), 'an argument that is missing or not an array is an error'),
    docs: doc,
    run: { aggregate: COLL, pipeline: [{ $project: { n: { $size: '$missing' } } }], cursor: {} },
    expect: { fails: true },
  },
  aggregateCase(
    named('$dateToString', page('dateToString'), 'a timezone offset shifts the hours'),
    doc,
    [{ $project: { _id: 0, t: { $dateToString: { format: '%H:%M', date: '$at', timezone: '+02:00' } } } }],
    [{ t: '12:20' }],
  ),
  aggregateCase(
    named('$ifNull', page('ifNull'), 'several arguments give the first that is not null'),
    doc,
    [{ $project: { _id: 0, v: { $ifNull: ['$a', '$missing', '$b', 'default'] } } }],
    [{ v: 'B' }],
  ),
  aggregateCase(
    named('$reduce', page('reduce'), 'folds an array'),
    doc,
    [
      {
        $project: {
          _id: 0,
          total: { $reduce: { input: '$xs', initialValue: 0, in: { $add: ['$$value', '$$this'] } } },
        },
      },
    ],
    [{ total: 60 }],
  ),
  aggregateCase(
    named(
      '$objectToArray',
      page('objectToArray'),
      'turns a document into k/v pairs, and $arrayToObject back',
    ),
    doc,
    [
      {
        $project: {
          _id: 0,
          kv: { $objectToArray: '$o' },
          back: { $arrayToObject: { $objectToArray: '$o' } },
        },
      },
    ],
    [
      {
        kv: [
          { k: 'k', v: 'v' },
          { k: 'n', v: 1 },
        ],
        back: { k: 'v', n: 1 },
      },
    ],
  ),
  aggregateCase(
    named('$substrCP', page('substrCP'), 'takes code points from an index'),
    [{ _id: 1, s: 'héllo' }],
    [{ $project: { _id: 0, s: { $substrCP: ['$s', 1, 3] } } }],
    [{ s: 'éll' }],
  ),
  aggregateCase(
    named('$mergeObjects', page('mergeObjects'), 'as a $group accumulator, later documents win'),
    [
      { _id: 1, g: 1, d: { a: 1, b: 1 } },
      { _id: 2, g: 1, d: { b: 2, c: 2 } },
    ],
    [{ $sort: { _id: 1 } }, { $group: { _id: '$g', merged: { $mergeObjects: '$d' } } }],
    [{ _id: 1, merged: { a: 1, b: 2, c: 2 } }],
  ),
  aggregateCase(
    named('$range', page('range'), 'an arithmetic sequence with a step'),
    [{ _id: 1 }],
    [{ $project: { _id: 0, r: { $range: [0, 10, 3] } } }],
    [{ r: [0, 3, 6, 9] }],
  ),
];
