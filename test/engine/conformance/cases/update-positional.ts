import type { ConformanceCase } from '../case';
import { named, updateCase } from './build';

const page = (op: string): string => `reference/operator/update/${op}`;
const one = { n: 1, nModified: 1, ok: 1 };

export const updatePullPositionalCases: ConformanceCase[] = [
  updateCase(
    named('$pull', page('pull'), 'removes the elements matching a condition'),
    [{ _id: 1, votes: [3, 5, 6, 7, 7, 8] }],
    { q: { _id: 1 }, u: { $pull: { votes: { $gte: 6 } } } },
    one,
    [{ _id: 1, votes: [3, 5] }],
  ),
  updateCase(
    named('$pull', page('pull'), 'removes every element equal to a value, from several arrays'),
    [
      {
        _id: 1,
        fruits: ['apples', 'pears', 'oranges', 'grapes', 'bananas'],
        vegetables: ['carrots', 'celery', 'squash', 'carrots'],
      },
    ],
    { q: { _id: 1 }, u: { $pull: { fruits: { $in: ['apples', 'oranges'] }, vegetables: 'carrots' } } },
    one,
    [{ _id: 1, fruits: ['pears', 'grapes', 'bananas'], vegetables: ['celery', 'squash'] }],
  ),
  updateCase(
    named('$pull', page('pull'), 'a document condition removes the matching embedded documents'),
    [
      {
        _id: 1,
        results: [
          { item: 'A', score: 5 },
          { item: 'B', score: 8 },
          { item: 'C', score: 8 },
        ],
      },
    ],
    { q: { _id: 1 }, u: { $pull: { results: { score: 8, item: 'B' } } } },
    one,
    [
      {
        _id: 1,
        results: [
          { item: 'A', score: 5 },
          { item: 'C', score: 8 },
        ],
      },
    ],
  ),
  updateCase(
    named('$pullAll', page('pullAll'), 'removes every instance of the listed values'),
    [{ _id: 1, scores: [0, 2, 5, 5, 1, 0] }],
    { q: { _id: 1 }, u: { $pullAll: { scores: [0, 5] } } },
    one,
    [{ _id: 1, scores: [2, 1] }],
  ),
  updateCase(
    named('$pop', page('pop'), '-1 removes the first element'),
    [{ _id: 1, scores: [8, 9, 10] }],
    { q: { _id: 1 }, u: { $pop: { scores: -1 } } },
    one,
    [{ _id: 1, scores: [9, 10] }],
  ),
  updateCase(
    named('$pop', page('pop'), '1 removes the last element'),
    [{ _id: 1, scores: [9, 10] }],
    { q: { _id: 1 }, u: { $pop: { scores: 1 } } },
    one,
    [{ _id: 1, scores: [9] }],
  ),
  updateCase(
    named('$ (update)', page('positional'), 'updates the first element that matched the query'),
    [{ _id: 1, grades: [85, 80, 80] }],
    { q: { _id: 1, grades: 80 }, u: { $set: { 'grades.$': 82 } } },
    one,
    [{ _id: 1, grades: [85, 82, 80] }],
  ),
  updateCase(
    named('$ (update)', page('positional'), 'updates a field of the matched embedded document'),
    [
      {
        _id: 4,
        grades: [
          { grade: 80, mean: 75, std: 8 },
          { grade: 85, mean: 90, std: 5 },
          { grade: 85, mean: 85, std: 8 },
        ],
      },
    ],
    { q: { _id: 4, 'grades.grade': 85 }, u: { $set: { 'grades.$.std': 6 } } },
    one,
    [
      {
        _id: 4,
        grades: [
          { grade: 80, mean: 75, std: 8 },
          { grade: 85, mean: 90, std: 6 },
          { grade: 85, mean: 85, std: 8 },
        ],
      },
    ],
  ),
  updateCase(
    named('$ (update)', page('positional'), 'with $elemMatch, the element matching all conditions'),
    [
      {
        _id: 5,
        grades: [
          { grade: 80, mean: 75, std: 8 },
          { grade: 85, mean: 90, std: 5 },
          { grade: 90, mean: 85, std: 3 },
        ],
      },
    ],
    {
      q: { _id: 5, grades: { $elemMatch: { grade: { $lte: 90 }, mean: { $gt: 80 } } } },
      u: { $set: { 'grades.$.std': 6 } },
    },
    one,
    [
      {
        _id: 5,
        grades: [
          { grade: 80, mean: 75, std: 8 },
          { grade: 85, mean: 90, std: 6 },
          { grade: 90, mean: 85, std: 3 },
        ],
      },
    ],
  ),
  updateCase(
    named('$[]', page('positional-all'), 'updates every element of the array'),
    [
      { _id: 1, grades: [85, 82, 80] },
      { _id: 2, grades: [88, 90, 92] },
    ],
    { q: {}, u: { $inc: { 'grades.$[]': 10 } }, multi: true },
    { n: 2, nModified: 2, ok: 1 },
    [
      { _id: 1, grades: [95, 92, 90] },
      { _id: 2, grades: [98, 100, 102] },
    ],
  ),
  updateCase(
    named('$[]', page('positional-all'), 'updates a field in every embedded document'),
    [
      {
        _id: 1,
        grades: [
          { grade: 80, std: 8 },
          { grade: 85, std: 5 },
        ],
      },
    ],
    { q: { _id: 1 }, u: { $inc: { 'grades.$[].std': -2 } } },
    one,
    [
      {
        _id: 1,
        grades: [
          { grade: 80, std: 6 },
          { grade: 85, std: 3 },
        ],
      },
    ],
  ),
  updateCase(
    named('$[<identifier>]', page('positional-filtered'), 'updates the elements matching arrayFilters'),
    [
      { _id: 1, grades: [95, 92, 90] },
      { _id: 2, grades: [98, 100, 102] },
      { _id: 3, grades: [95, 110, 100] },
    ],
    {
      q: {},
      u: { $set: { 'grades.$[element]': 100 } },
      arrayFilters: [{ element: { $gte: 100 } }],
      multi: true,
    },
    { n: 3, nModified: 2, ok: 1 },
    [
      { _id: 1, grades: [95, 92, 90] },
      { _id: 2, grades: [98, 100, 100] },
      { _id: 3, grades: [95, 100, 100] },
    ],
  ),
  updateCase(
    named('$[<identifier>]', page('positional-filtered'), 'arrayFilters on fields of embedded documents'),
    [
      {
        _id: 1,
        grades: [
          { grade: 80, mean: 75 },
          { grade: 85, mean: 90 },
          { grade: 85, mean: 85 },
        ],
      },
    ],
    {
      q: { _id: 1 },
      u: { $set: { 'grades.$[elem].mean': 100 } },
      arrayFilters: [{ 'elem.grade': { $gte: 85 } }],
    },
    one,
    [
      {
        _id: 1,
        grades: [
          { grade: 80, mean: 75 },
          { grade: 85, mean: 100 },
          { grade: 85, mean: 100 },
        ],
      },
    ],
  ),
];
