import { Decimal128 } from 'mongodb';
import type { ConformanceCase } from '../case';
import { aggregateCase, named } from './build';

const page = (stage: string): string => `reference/operator/aggregation/${stage}`;

const sales = [
  { _id: 1, item: 'abc', price: 10, quantity: 2, date: new Date('2014-03-01T08:00:00Z') },
  { _id: 2, item: 'jkl', price: 20, quantity: 1, date: new Date('2014-03-01T09:00:00Z') },
  { _id: 3, item: 'xyz', price: 5, quantity: 10, date: new Date('2014-03-15T09:00:00Z') },
  { _id: 4, item: 'xyz', price: 5, quantity: 20, date: new Date('2014-04-04T11:21:39Z') },
  { _id: 5, item: 'abc', price: 10, quantity: 10, date: new Date('2014-04-04T21:23:13Z') },
];

const articles = [
  { _id: 1, author: 'dave', score: 80, views: 100 },
  { _id: 2, author: 'dave', score: 85, views: 521 },
  { _id: 3, author: 'ahn', score: 60, views: 1000 },
  { _id: 4, author: 'li', score: 55, views: 5000 },
  { _id: 5, author: 'annT', score: 60, views: 50 },
];

export const aggregationStageCases: ConformanceCase[] = [
  aggregateCase(
    named('$match', page('match'), 'keeps the documents matching the query'),
    articles,
    [{ $match: { author: 'dave' } }],
    [articles[0], articles[1]].map((doc) => ({ ...doc })),
  ),
  aggregateCase(
    named('$group', page('group'), '$sum, $avg, $min, $max per group, sorted by _id'),
    sales,
    [
      {
        $group: {
          _id: '$item',
          total: { $sum: { $multiply: ['$price', '$quantity'] } },
          avgQty: { $avg: '$quantity' },
          minP: { $min: '$price' },
          maxQ: { $max: '$quantity' },
        },
      },
      { $sort: { _id: 1 } },
    ],
    [
      { _id: 'abc', total: 120, avgQty: 6, minP: 10, maxQ: 10 },
      { _id: 'jkl', total: 20, avgQty: 1, minP: 20, maxQ: 1 },
      { _id: 'xyz', total: 150, avgQty: 15, minP: 5, maxQ: 20 },
    ],
  ),
  aggregateCase(
    named('$group', page('group'), '_id null groups every document; $sum: 1 counts'),
    sales,
    [{ $group: { _id: null, count: { $sum: 1 }, qty: { $sum: '$quantity' } } }],
    [{ _id: null, count: 5, qty: 43 }],
  ),
  aggregateCase(
    named('$group', page('group'), 'a compound _id groups by several fields'),
    sales,
    [
      { $group: { _id: { item: '$item', price: '$price' }, n: { $sum: 1 } } },
      { $sort: { n: -1, '_id.item': 1 } },
    ],
    [
      { _id: { item: 'abc', price: 10 }, n: 2 },
      { _id: { item: 'xyz', price: 5 }, n: 2 },
      { _id: { item: 'jkl', price: 20 }, n: 1 },
    ],
  ),
  aggregateCase(
    named('$push', page('push'), '$push and $first/$last keep the input order'),
    sales,
    [
      { $sort: { date: 1 } },
      {
        $group: {
          _id: '$item',
          quantities: { $push: '$quantity' },
          first: { $first: '$date' },
          last: { $last: '$quantity' },
        },
      },
      { $sort: { _id: 1 } },
    ],
    [
      { _id: 'abc', quantities: [2, 10], first: new Date('2014-03-01T08:00:00Z'), last: 10 },
      { _id: 'jkl', quantities: [1], first: new Date('2014-03-01T09:00:00Z'), last: 1 },
      { _id: 'xyz', quantities: [10, 20], first: new Date('2014-03-15T09:00:00Z'), last: 20 },
    ],
  ),
  aggregateCase(
    named('$addToSet', page('addToSet'), 'collects distinct values per group'),
    sales,
    [
      { $group: { _id: null, items: { $addToSet: '$item' } } },
      { $project: { _id: 0, n: { $size: '$items' } } },
    ],
    [{ n: 3 }],
  ),
  aggregateCase(
    named('$count', page('count-accumulator'), '$count accumulator counts each group'),
    articles,
    [{ $group: { _id: '$author', n: { $count: {} } } }, { $sort: { _id: 1 } }],
    [
      { _id: 'ahn', n: 1 },
      { _id: 'annT', n: 1 },
      { _id: 'dave', n: 2 },
      { _id: 'li', n: 1 },
    ],
  ),
  aggregateCase(
    named('$sum', page('sum'), 'non-numeric and missing values are ignored'),
    [{ _id: 1, v: 5 }, { _id: 2, v: 'x' }, { _id: 3 }, { _id: 4, v: 2.5 }],
    [{ $group: { _id: null, total: { $sum: '$v' }, avg: { $avg: '$v' } } }],
    [{ _id: null, total: 7.5, avg: 3.75 }],
  ),
  aggregateCase(
    named('$sort', page('sort'), 'several keys, then _id to break ties'),
    articles,
    [{ $sort: { score: -1, _id: 1 } }, { $project: { _id: 1, score: 1 } }],
    [
      { _id: 2, score: 85 },
      { _id: 1, score: 80 },
      { _id: 3, score: 60 },
      { _id: 5, score: 60 },
      { _id: 4, score: 55 },
    ],
  ),
  aggregateCase(
    named('$project', page('project'), '_id: 0 and embedded fields with dotted paths'),
    [{ _id: 1, title: 'abc123', author: { last: 'zzz', first: 'aaa' }, copies: 5 }],
    [{ $project: { _id: 0, 'author.first': 1, copies: 1 } }],
    [{ author: { first: 'aaa' }, copies: 5 }],
  ),
  aggregateCase(
    named('$project', page('project'), 'exclusion removes the listed fields'),
    [
      {
        _id: 1,
        title: 'abc123',
        lastModified: new Date('2016-07-28T00:00:00Z'),
        author: { last: 'zzz', first: 'aaa' },
      },
    ],
    [{ $project: { lastModified: 0, 'author.first': 0 } }],
    [{ _id: 1, title: 'abc123', author: { last: 'zzz' } }],
  ),
  aggregateCase(
    named('$addFields', page('addFields'), 'appends computed fields and keeps the others'),
    [{ _id: 1, student: 'Maya', homework: [10, 5, 10], quiz: [10, 8], extraCredit: 0 }],
    [
      { $addFields: { totalHomework: { $sum: '$homework' }, totalQuiz: { $sum: '$quiz' } } },
      { $addFields: { totalScore: { $add: ['$totalHomework', '$totalQuiz', '$extraCredit'] } } },
    ],
    [
      {
        _id: 1,
        student: 'Maya',
        homework: [10, 5, 10],
        quiz: [10, 8],
        extraCredit: 0,
        totalHomework: 25,
        totalQuiz: 18,
        totalScore: 43,
      },
    ],
  ),
  aggregateCase(
    named('$set (aggregation)', page('set'), 'overwrites an existing field in place'),
    [{ _id: 1, type: 'car', specs: { doors: 4, wheels: 4 } }],
    [{ $set: { 'specs.fuel_type': 'unleaded', type: 'vehicle' } }],
    [{ _id: 1, type: 'vehicle', specs: { doors: 4, wheels: 4, fuel_type: 'unleaded' } }],
  ),
  aggregateCase(
    named(
      '$project',
      page('project'),
      'inclusion keeps _id and the fields in document order; computed fields follow',
    ),
    [{ _id: 1, title: 'abc123', isbn: '0001122223334', author: { last: 'zzz', first: 'aaa' }, copies: 5 }],
    [{ $project: { isbn: 1, total: { $add: ['$copies', 1] }, title: 1 } }],
    [{ _id: 1, title: 'abc123', isbn: '0001122223334', total: 6 }],
  ),
  aggregateCase(
    named('$project', page('project'), '$$REMOVE drops a field conditionally'),
    [
      { _id: 1, title: 'a', author: { last: 'x', middle: '' } },
      { _id: 2, title: 'b', author: { last: 'y', middle: 'q' } },
    ],
    [
      {
        $project: {
          title: 1,
          middle: {
            $cond: { if: { $eq: ['', '$author.middle'] }, then: '$$REMOVE', else: '$author.middle' },
          },
        },
      },
    ],
    [
      { _id: 1, title: 'a' },
      { _id: 2, title: 'b', middle: 'q' },
    ],
  ),
  aggregateCase(
    named('$sum', page('sum'), 'Decimal128 values add exactly and the result is a Decimal128'),
    [
      { _id: 1, amount: Decimal128.fromString('0.1') },
      { _id: 2, amount: Decimal128.fromString('0.2') },
    ],
    [{ $group: { _id: null, total: { $sum: '$amount' } } }],
    [{ _id: null, total: Decimal128.fromString('0.3') }],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_AGGREGATION_STAGES: ConformanceCase[] = [];
