import type { ConformanceCase } from '../case';
import { aggregateCase, named } from './build';

const page = (stage: string): string => `reference/operator/aggregation/${stage}`;

const articles = [
  { _id: 1, author: 'dave', score: 80, views: 100 },
  { _id: 2, author: 'dave', score: 85, views: 521 },
  { _id: 3, author: 'ahn', score: 60, views: 1000 },
  { _id: 4, author: 'li', score: 55, views: 5000 },
  { _id: 5, author: 'annT', score: 60, views: 50 },
];

export const aggregationUnwindPagingCases: ConformanceCase[] = [
  aggregateCase(
    named('$unwind', page('unwind'), 'one document per array element'),
    [{ _id: 1, item: 'ABC1', sizes: ['S', 'M', 'L'] }],
    [{ $unwind: '$sizes' }],
    [
      { _id: 1, item: 'ABC1', sizes: 'S' },
      { _id: 1, item: 'ABC1', sizes: 'M' },
      { _id: 1, item: 'ABC1', sizes: 'L' },
    ],
  ),
  aggregateCase(
    named('$unwind', page('unwind'), 'drops missing, null and empty arrays; a non-array is one element'),
    [
      { _id: 1, sizes: ['S', 'M'] },
      { _id: 2, sizes: [] },
      { _id: 3, sizes: 'M' },
      { _id: 4 },
      { _id: 5, sizes: null },
    ],
    [{ $unwind: '$sizes' }],
    [
      { _id: 1, sizes: 'S' },
      { _id: 1, sizes: 'M' },
      { _id: 3, sizes: 'M' },
    ],
  ),
  aggregateCase(
    named('$unwind', page('unwind'), 'includeArrayIndex and preserveNullAndEmptyArrays'),
    [{ _id: 1, sizes: ['S', 'M'] }, { _id: 2, sizes: [] }, { _id: 3, sizes: 'M' }, { _id: 4 }],
    [{ $unwind: { path: '$sizes', includeArrayIndex: 'idx', preserveNullAndEmptyArrays: true } }],
    [
      { _id: 1, sizes: 'S', idx: 0 },
      { _id: 1, sizes: 'M', idx: 1 },
      { _id: 2, idx: null },
      { _id: 3, sizes: 'M', idx: null },
      { _id: 4, idx: null },
    ],
  ),
  aggregateCase(
    named('$limit', page('limit'), 'passes the first n documents'),
    articles,
    [{ $sort: { _id: 1 } }, { $limit: 2 }, { $project: { _id: 1 } }],
    [{ _id: 1 }, { _id: 2 }],
  ),
  aggregateCase(
    named('$skip', page('skip'), 'skips the first n documents'),
    articles,
    [{ $sort: { _id: 1 } }, { $skip: 3 }, { $project: { _id: 1 } }],
    [{ _id: 4 }, { _id: 5 }],
  ),
  aggregateCase(
    named('$count', page('count'), 'one document with the number of input documents'),
    articles,
    [{ $match: { score: { $gt: 60 } } }, { $count: 'passing_scores' }],
    [{ passing_scores: 2 }],
  ),
  aggregateCase(
    named('$sortByCount', page('sortByCount'), 'groups by the expression and sorts by count descending'),
    [
      { _id: 1, tag: 'a' },
      { _id: 2, tag: 'b' },
      { _id: 3, tag: 'a' },
      { _id: 4, tag: 'c' },
      { _id: 5, tag: 'a' },
      { _id: 6, tag: 'b' },
    ],
    [{ $sortByCount: '$tag' }],
    [
      { _id: 'a', count: 3 },
      { _id: 'b', count: 2 },
      { _id: 'c', count: 1 },
    ],
  ),
  aggregateCase(
    named('$count', page('count'), 'no input documents gives no output document'),
    articles,
    [{ $match: { score: { $gt: 1000 } } }, { $count: 'n' }],
    [],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_AGGREGATION_PAGING: ConformanceCase[] = [];
