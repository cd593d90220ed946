import { ObjectId } from 'mongodb';
import type { ConformanceCase } from '../case';
import { named, updateCase } from './build';

const upsertPage = 'reference/method/db.collection.updateOne';
const id = new ObjectId('5ab9cbfa31c2ab715d42129e');

export const updatePatternCases: ConformanceCase[] = [
  updateCase(
    named('upsert', upsertPage, 'an $eq condition is an equality for the new document'),
    [],
    { q: { _id: 2, email: { $eq: 'x@y.org' } }, u: { $set: { n: 1 } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: 2 }], ok: 1 },
    [{ _id: 2, email: 'x@y.org', n: 1 }],
  ),
  updateCase(
    named('upsert', upsertPage, 'an ObjectId _id in the filter becomes the new document _id'),
    [],
    { q: { _id: id }, u: { $set: { name: 'n' } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: id }], ok: 1 },
    [{ _id: id, name: 'n' }],
  ),
  updateCase(
    named('$setOnInsert', 'reference/operator/update/setOnInsert', 'dotted paths build embedded documents'),
    [],
    { q: { _id: 1 }, u: { $setOnInsert: { 'stats.views': 0, 'stats.likes': 0 } }, upsert: true },
    { n: 1, nModified: 0, upserted: [{ index: 0, _id: 1 }], ok: 1 },
    [{ _id: 1, stats: { likes: 0, views: 0 } }],
  ),
  updateCase(
    named('$unset', 'reference/operator/update/unset', 'a dotted path removes an embedded field'),
    [{ _id: 1, profile: { a: 1, b: 2 } }],
    { q: { _id: 1 }, u: { $unset: { 'profile.a': '' } } },
    { n: 1, nModified: 1, ok: 1 },
    [{ _id: 1, profile: { b: 2 } }],
  ),
  updateCase(
    named('$pull', 'reference/operator/update/pull', 'updateMany removes a value from every document'),
    [
      { _id: 1, tags: ['a', 'b'] },
      { _id: 2, tags: ['b'] },
      { _id: 3, tags: ['c'] },
    ],
    { q: { tags: 'b' }, u: { $pull: { tags: 'b' } }, multi: true },
    { n: 2, nModified: 2, ok: 1 },
    [
      { _id: 1, tags: ['a'] },
      { _id: 2, tags: [] },
      { _id: 3, tags: ['c'] },
    ],
  ),
  updateCase(
    named('$push', 'reference/operator/update/push', '$each with $sort on two keys of embedded documents'),
    [{ _id: 1, xs: [{ k: 2, n: 'b' }] }],
    {
      q: { _id: 1 },
      u: {
        $push: {
          xs: {
            $each: [
              { k: 1, n: 'z' },
              { k: 2, n: 'a' },
            ],
            $sort: { k: -1, n: 1 },
          },
        },
      },
    },
    { n: 1, nModified: 1, ok: 1 },
    [
      {
        _id: 1,
        xs: [
          { k: 2, n: 'a' },
          { k: 2, n: 'b' },
          { k: 1, n: 'z' },
        ],
      },
    ],
  ),
  updateCase(
    named('$inc', 'reference/operator/update/inc', 'an increment through the positional operator'),
    [
      {
        _id: 1,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 1 },
        ],
      },
    ],
    { q: { _id: 1, 'items.sku': 'b' }, u: { $inc: { 'items.$.qty': 2 } } },
    { n: 1, nModified: 1, ok: 1 },
    [
      {
        _id: 1,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 3 },
        ],
      },
    ],
  ),
];
