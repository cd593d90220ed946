import { COLL, type ConformanceCase } from '../case';
import { aggregateCase, named } from './build';

const slicePage = 'reference/operator/projection/slice';
const socks = [
  { _id: 1, item: 'socks', qty: 100, details: { colors: ['blue', 'red'], sizes: ['S', 'M', 'L'] } },
];

const post = [
  { _id: 1, title: 't', post: { by: 'x', comments: ['a', 'b', 'c'] }, score: 3 },
  { _id: 2, title: 'u', post: { by: 'y', comments: ['d'] }, score: 5 },
];

export const projectionMoreCases: ConformanceCase[] = [
  {
    name: named(
      '$ (projection)',
      'reference/operator/projection/positional',
      'on an array of documents, with another field',
    ),
    docs: [
      {
        _id: 7,
        semester: 3,
        grades: [
          { grade: 80, mean: 75 },
          { grade: 85, mean: 90 },
          { grade: 90, mean: 85 },
        ],
      },
    ],
    run: { find: COLL, filter: { 'grades.mean': { $gt: 80 } }, projection: { semester: 1, 'grades.$': 1 } },
    expect: { docs: [{ _id: 7, semester: 3, grades: [{ grade: 85, mean: 90 }] }] },
  },
  {
    name: named(
      '$elemMatch (projection)',
      'reference/operator/projection/elemMatch',
      'the matched field comes after the other included fields, whatever the document order',
    ),
    docs: [
      {
        _id: 1,
        name: 'player1',
        games: [
          { game: 'abc', score: 8 },
          { game: 'xyz', score: 5 },
        ],
        joined: new Date('2020-01-01T00:00:00Z'),
        lastLogin: new Date('2020-05-01T00:00:00Z'),
      },
    ],
    run: {
      find: COLL,
      filter: {},
      projection: { games: { $elemMatch: { score: { $gt: 5 } } }, joined: 1, lastLogin: 1 },
    },
    expect: {
      docs: [
        {
          _id: 1,
          joined: new Date('2020-01-01T00:00:00Z'),
          lastLogin: new Date('2020-05-01T00:00:00Z'),
          games: [{ game: 'abc', score: 8 }],
        },
      ],
    },
  },
  {
    name: named(
      '$slice (projection)',
      slicePage,
      'in an inclusion, the nested document keeps only the sliced array',
    ),
    docs: socks,
    run: { find: COLL, filter: {}, projection: { qty: 1, 'details.colors': { $slice: 1 } } },
    expect: { docs: [{ _id: 1, qty: 100, details: { colors: ['blue'] } }] },
  },
  {
    name: named('$slice (projection)', slicePage, 'in an exclusion, the other nested fields stay'),
    docs: socks,
    run: { find: COLL, filter: {}, projection: { _id: 0, 'details.colors': { $slice: 1 } } },
    expect: { docs: [{ item: 'socks', qty: 100, details: { colors: ['blue'], sizes: ['S', 'M', 'L'] } }] },
  },
  aggregateCase(
    named(
      '$project',
      'reference/operator/aggregation/project',
      'nested inclusions keep the embedded document order',
    ),
    post,
    [{ $project: { 'post.comments': 1, 'post.by': 1, title: 1 } }],
    [
      { _id: 1, title: 't', post: { by: 'x', comments: ['a', 'b', 'c'] } },
      { _id: 2, title: 'u', post: { by: 'y', comments: ['d'] } },
    ],
  ),
  aggregateCase(
    named(
      '$sum',
      'reference/operator/aggregation/sum',
      'as an expression, sums the elements of an array field',
    ),
    [{ _id: 1, xs: [1, 2, 3.5] }],
    [{ $project: { total: { $sum: '$xs' } } }],
    [{ _id: 1, total: 6.5 }],
  ),
  aggregateCase(
    named('$bucket', 'reference/operator/aggregation/bucket', 'buckets without documents are not output'),
    [
      { _id: 1, p: 5 },
      { _id: 2, p: 250 },
    ],
    [{ $bucket: { groupBy: '$p', boundaries: [0, 100, 200, 300] } }],
    [
      { _id: 0, count: 1 },
      { _id: 200, count: 1 },
    ],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_PROJECTION_MORE: ConformanceCase[] = [];
