import { ObjectId } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';
import { findCase, named } from './build';

const page = (op: string): string => `reference/operator/query/${op}`;
const people = [
  { _id: 1, email: 'a@x.org', nick: null, tags: ['admin', 'ops'], age: 30 },
  { _id: 2, email: 'b@x.org', tags: [], age: 25 },
  { _id: 3, email: 'c.d@x.org', nick: 'cd', tags: ['ops'], age: 35 },
  { _id: 4, email: 'e@y.org', nick: 'e', age: 30 },
];
const id = new ObjectId('5ab9cbfa31c2ab715d42129e');

export const queryPatternCases: ConformanceCase[] = [
  findCase(
    named('$ne', page('ne'), '$ne: null matches documents where the field exists and is not null'),
    people,
    { nick: { $ne: null } },
    [3, 4],
  ),
  findCase(named('$eq', page('eq'), 'an empty array matches only empty arrays'), people, { tags: [] }, [2]),
  findCase(
    named('$all', page('all'), 'one element is the same as equality'),
    people,
    { tags: { $all: ['ops'] } },
    [1, 3],
  ),
  findCase(
    named('$regex', page('regex'), 'an escaped dot matches only a dot'),
    people,
    { email: { $regex: '^c\\.d@' } },
    [3],
  ),
  findCase(
    named('$regex', page('regex'), 'a regular expression matches array elements'),
    people,
    { tags: /^adm/ },
    [1],
  ),
  findCase(
    named('$not', page('not'), 'negates $in, documents without the field included'),
    people,
    { tags: { $not: { $in: ['ops'] } } },
    [2, 4],
  ),
  findCase(
    named('$or', page('or'), 'clauses on indexed and unindexed fields give the union'),
    people,
    { $or: [{ age: 25 }, { nick: 'e' }] },
    [2, 4],
  ),
  {
    name: named('$or', page('or'), 'with an index on one clause the union is still complete'),
    docs: people,
    indexes: [{ key: { age: 1 }, name: 'age_1' }],
    run: {
      find: COLL,
      filter: { $or: [{ age: 25 }, { nick: 'e' }] },
      sort: { _id: 1 },
      projection: { _id: 1 },
    },
    expect: { docs: [{ _id: 2 }, { _id: 4 }] },
  },
  {
    name: named(
      '$exists',
      page('exists'),
      'through a sparse index still finds every document with the field',
    ),
    docs: people,
    indexes: [{ key: { nick: 1 }, name: 'nick_1', sparse: true }],
    run: { find: COLL, filter: { nick: { $exists: true } }, sort: { _id: 1 }, projection: { _id: 1 } },
    expect: { docs: [{ _id: 1 }, { _id: 3 }, { _id: 4 }] },
  },
  {
    name: named('$in', page('in'), 'null in the list through an index matches missing fields too'),
    docs: people,
    indexes: [{ key: { nick: 1 }, name: 'nick_1' }],
    run: { find: COLL, filter: { nick: { $in: [null, 'e'] } }, sort: { _id: 1 }, projection: { _id: 1 } },
    expect: { docs: [{ _id: 1 }, { _id: 2 }, { _id: 4 }] },
  },
  {
    name: named('$regex', page('regex'), 'a prefix expression through an index returns the right documents'),
    docs: people,
    indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }],
    run: { find: COLL, filter: { email: /^[ab]@/ }, sort: { email: -1 }, projection: { _id: 1 } },
    expect: { docs: [{ _id: 2 }, { _id: 1 }] },
  },
  {
    name: named('sort', 'reference/method/cursor.sort', 'skip and limit over a sort with ties broken by _id'),
    docs: people,
    run: { find: COLL, filter: {}, sort: { age: -1, _id: 1 }, skip: 1, limit: 2, projection: { _id: 1 } },
    expect: { docs: [{ _id: 1 }, { _id: 4 }] },
  },
  {
    name: named('distinct', 'reference/command/distinct', 'ObjectId values are returned as ObjectIds'),
    docs: [{ _id: 1, owner: id }, { _id: 2, owner: id }, { _id: 3 }],
    run: { distinct: COLL, key: 'owner' },
    expect: { distinct: [id] },
  },
];
