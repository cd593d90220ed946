import type { ConformanceCase } from '../case';
import { named, updateCase } from './build';

const page = (op: string): string => `reference/operator/update/${op}`;
const one = { n: 1, nModified: 1, ok: 1 };
const unchanged = { n: 1, nModified: 0, ok: 1 };

export const updateArrayCases: ConformanceCase[] = [
  updateCase(
    named('$push', page('push'), 'appends a value'),
    [{ _id: 1, scores: [44, 78, 38, 80] }],
    { q: { _id: 1 }, u: { $push: { scores: 89 } } },
    one,
    [{ _id: 1, scores: [44, 78, 38, 80, 89] }],
  ),
  updateCase(
    named('$push', page('push'), 'a missing field becomes an array with the value'),
    [{ _id: 1 }],
    { q: { _id: 1 }, u: { $push: { scores: 89 } } },
    one,
    [{ _id: 1, scores: [89] }],
  ),
  updateCase(
    named('$push', page('push'), 'an array value is pushed as one element'),
    [{ _id: 1, scores: [1] }],
    { q: { _id: 1 }, u: { $push: { scores: [2, 3] } } },
    one,
    [{ _id: 1, scores: [1, [2, 3]] }],
  ),
  updateCase(
    named('$each', page('each'), '$push with $each appends each value'),
    [{ _id: 1, scores: [44] }],
    { q: { _id: 1 }, u: { $push: { scores: { $each: [90, 92, 85] } } } },
    one,
    [{ _id: 1, scores: [44, 90, 92, 85] }],
  ),
  updateCase(
    named('$slice (update)', page('slice'), 'a negative $slice keeps the last elements'),
    [{ _id: 1, scores: [40, 50, 60] }],
    { q: { _id: 1 }, u: { $push: { scores: { $each: [80, 78, 86], $slice: -5 } } } },
    one,
    [{ _id: 1, scores: [50, 60, 80, 78, 86] }],
  ),
  updateCase(
    named('$slice (update)', page('slice'), 'a positive $slice keeps the first elements'),
    [{ _id: 1, scores: [89, 90] }],
    { q: { _id: 1 }, u: { $push: { scores: { $each: [100, 20], $slice: 3 } } } },
    one,
    [{ _id: 1, scores: [89, 90, 100] }],
  ),
  updateCase(
    named('$sort (update)', page('sort'), '$sort by a field of the documents, then $slice'),
    [
      {
        _id: 1,
        quizzes: [
          { wk: 1, score: 10 },
          { wk: 2, score: 8 },
          { wk: 3, score: 5 },
          { wk: 4, score: 6 },
        ],
      },
    ],
    {
      q: { _id: 1 },
      u: {
        $push: {
          quizzes: {
            $each: [
              { wk: 5, score: 8 },
              { wk: 6, score: 7 },
              { wk: 7, score: 6 },
            ],
            $sort: { score: -1 },
            $slice: 3,
          },
        },
      },
    },
    one,
    [
      {
        _id: 1,
        quizzes: [
          { wk: 1, score: 10 },
          { wk: 2, score: 8 },
          { wk: 5, score: 8 },
        ],
      },
    ],
  ),
  updateCase(
    named('$sort (update)', page('sort'), '$sort: 1 sorts plain values ascending'),
    [{ _id: 1, tests: [89, 70, 89, 50] }],
    { q: { _id: 1 }, u: { $push: { tests: { $each: [40, 60], $sort: 1 } } } },
    one,
    [{ _id: 1, tests: [40, 50, 60, 70, 89, 89] }],
  ),
  updateCase(
    named('$sort (update)', page('sort'), 'an empty $each with $sort only sorts'),
    [{ _id: 1, tests: [40, 50, 60] }],
    { q: { _id: 1 }, u: { $push: { tests: { $each: [], $sort: -1 } } } },
    one,
    [{ _id: 1, tests: [60, 50, 40] }],
  ),
  updateCase(
    named('$position', page('position'), '$position 0 inserts at the start'),
    [{ _id: 1, scores: [100] }],
    { q: { _id: 1 }, u: { $push: { scores: { $each: [50, 60, 70], $position: 0 } } } },
    one,
    [{ _id: 1, scores: [50, 60, 70, 100] }],
  ),
  updateCase(
    named('$position', page('position'), 'a negative $position counts from the end'),
    [{ _id: 1, scores: [50, 60, 70, 100] }],
    { q: { _id: 1 }, u: { $push: { scores: { $each: [20, 30], $position: -2 } } } },
    one,
    [{ _id: 1, scores: [50, 60, 20, 30, 70, 100] }],
  ),
  updateCase(
    named('$addToSet', page('addToSet'), 'adds a value absent from the array'),
    [{ _id: 1, letters: ['a', 'b'] }],
    { q: { _id: 1 }, u: { $addToSet: { letters: 'c' } } },
    one,
    [{ _id: 1, letters: ['a', 'b', 'c'] }],
  ),
  updateCase(
    named('$addToSet', page('addToSet'), 'a value already present changes nothing'),
    [{ _id: 1, letters: ['a', 'b'] }],
    { q: { _id: 1 }, u: { $addToSet: { letters: 'a' } } },
    unchanged,
    [{ _id: 1, letters: ['a', 'b'] }],
  ),
  updateCase(
    named('$addToSet', page('addToSet'), '$each adds each absent value once'),
    [{ _id: 2, item: 'cable', tags: ['electronics', 'supplies'] }],
    {
      q: { _id: 2 },
      u: { $addToSet: { tags: { $each: ['camera', 'electronics', 'accessories', 'camera'] } } },
    },
    one,
    [{ _id: 2, item: 'cable', tags: ['electronics', 'supplies', 'camera', 'accessories'] }],
  ),
  updateCase(
    named('$addToSet', page('addToSet'), 'an array value is added as one element'),
    [{ _id: 1, letters: ['a', 'b'] }],
    { q: { _id: 1 }, u: { $addToSet: { letters: ['c', 'd'] } } },
    one,
    [{ _id: 1, letters: ['a', 'b', ['c', 'd']] }],
  ),
  {
    ...updateCase(
      named('$push', page('push'), 'on a field that is not an array is a write error BadValue (2)'),
      [{ _id: 1, scores: 5 }],
      { q: { _id: 1 }, u: { $push: { scores: 6 } } },
      {},
      [{ _id: 1, scores: 5 }],
    ),
    expect: { writeErrors: [{ index: 0, code: 2 }], n: 0 },
  },
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_UPDATE_ARRAYS: ConformanceCase[] = [];
