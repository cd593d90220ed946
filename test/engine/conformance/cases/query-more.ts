import { Binary, BSONRegExp, Long, ObjectId, Timestamp } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';
import { findCase, named } from './build';

const page = (op: string): string => `reference/operator/query/${op}`;

const a = new ObjectId('5ab9cbfa31c2ab715d42129e');
const b = new ObjectId('5ab9cbfa31c2ab715d42129f');
const refs = [
  { _id: 1, owner: a, tags: ['x', 'y'], meta: { seen: true } },
  { _id: 2, owner: b, tags: ['y'], meta: { seen: false } },
  { _id: 3, owner: a, tags: [], meta: {} },
];

const typed = [
  { _id: 1, v: new Binary(Buffer.from([1])) },
  { _id: 2, v: new BSONRegExp('^a', 'i') },
  { _id: 3, v: new Timestamp({ t: 5, i: 1 }) },
  { _id: 4, v: 'text' },
];

const lines = [
  { _id: 1, text: 'first\nsecond' },
  { _id: 2, text: 'firstsecond' },
];

export const queryMoreCases: ConformanceCase[] = [
  findCase(named('$eq', page('eq'), 'ObjectId values compare by value'), refs, { owner: a }, [1, 3]),
  findCase(named('$in', page('in'), 'a list of ObjectIds'), refs, { owner: { $in: [b] } }, [2]),
  findCase(named('$in', page('in'), 'an empty list matches nothing'), refs, { owner: { $in: [] } }, []),
  findCase(
    named('$nin', page('nin'), 'an array field matches when no element is listed'),
    refs,
    { tags: { $nin: ['x'] } },
    [2, 3],
  ),
  findCase(named('$all', page('all'), 'an empty list matches nothing'), refs, { tags: { $all: [] } }, []),
  findCase(
    named('$size', page('size'), 'does not match a field that is not an array'),
    refs,
    { meta: { $size: 0 } },
    [],
  ),
  findCase(
    named('$exists', page('exists'), 'with a dotted path into an embedded document'),
    refs,
    { 'meta.seen': { $exists: true } },
    [1, 2],
  ),
  findCase(
    named('$eq', page('eq'), 'false does not match a missing field'),
    refs,
    { 'meta.seen': false },
    [2],
  ),
  findCase(
    named('$type', page('type'), '"binData" matches binary data'),
    typed,
    { v: { $type: 'binData' } },
    [1],
  ),
  findCase(
    named('$type', page('type'), '"regex" matches stored regular expressions'),
    typed,
    { v: { $type: 'regex' } },
    [2],
  ),
  findCase(
    named('$type', page('type'), '"timestamp" matches timestamps'),
    typed,
    { v: { $type: 'timestamp' } },
    [3],
  ),
  findCase(
    named('$regex', page('regex'), '"s" lets the dot match a newline'),
    lines,
    { text: { $regex: 'first.second', $options: 's' } },
    [1],
  ),
  findCase(
    named('$regex', page('regex'), 'without "s", the dot does not match a newline'),
    lines,
    { text: { $regex: 'first.second' } },
    [],
  ),
  findCase(
    named('$elemMatch (query)', page('elemMatch'), 'with $ne inside, one element must satisfy it'),
    [
      { _id: 1, xs: [1, 2] },
      { _id: 2, xs: [2, 2] },
    ],
    { xs: { $elemMatch: { $ne: 2 } } },
    [1],
  ),
  findCase(
    named('$gte', page('gte'), 'Long values on both sides of 2^53'),
    [
      { _id: 1, n: Long.fromString('9007199254740993') },
      { _id: 2, n: 9007199254740992 },
      { _id: 3, n: Long.fromString('9007199254740992') },
    ],
    { n: { $gte: Long.fromString('9007199254740993') } },
    [1],
  ),
  findCase(
    named('$expr', page('expr'), 'compares a field with a nested field'),
    [
      { _id: 1, qty: 5, limits: { max: 4 } },
      { _id: 2, qty: 3, limits: { max: 4 } },
    ],
    { $expr: { $gt: ['$qty', '$limits.max'] } },
    [1],
  ),
  {
    name: named('sort', 'reference/method/cursor.sort', 'find sorts Long values above 2^53 exactly'),
    docs: [
      { _id: 1, n: Long.fromString('9007199254740993') },
      { _id: 2, n: Long.fromString('9007199254740992') },
      { _id: 3, n: Long.fromString('9007199254740994') },
    ],
    run: { find: COLL, filter: {}, sort: { n: -1 }, projection: { n: 0 } },
    expect: { docs: [{ _id: 3 }, { _id: 1 }, { _id: 2 }] },
  },
  {
    name: named('collation', 'reference/collation', 'strength 2 makes equality case-insensitive'),
    docs: [
      { _id: 1, s: 'cafe' },
      { _id: 2, s: 'Cafe' },
      { _id: 3, s: 'café' },
    ],
    run: { find: COLL, filter: { s: 'cafe' }, sort: { _id: 1 }, collation: { locale: 'en', strength: 2 } },
    expect: {
      docs: [
        { _id: 1, s: 'cafe' },
        { _id: 2, s: 'Cafe' },
      ],
    },
  },
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_QUERY_MORE: ConformanceCase[] = [];
