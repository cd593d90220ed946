import { Binary, BSONRegExp, MaxKey, MinKey, ObjectId, Timestamp } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';
import { named } from './build';

const projPage = 'tutorial/project-fields-from-query-results';
const op = (name: string): string => `reference/operator/projection/${name}`;
const sortPage = 'reference/method/cursor.sort';

const inventory = [
  {
    _id: 1,
    item: 'journal',
    status: 'A',
    size: { h: 14, w: 21, uom: 'cm' },
    instock: [{ warehouse: 'A', qty: 5 }],
  },
  {
    _id: 2,
    item: 'postcard',
    status: 'A',
    size: { h: 10, w: 15.25, uom: 'cm' },
    instock: [
      { warehouse: 'B', qty: 15 },
      { warehouse: 'C', qty: 35 },
    ],
  },
];

const posts = [
  {
    _id: 1,
    title: 'Bagels are not croissants.',
    comments: [{ c: 'one' }, { c: 'two' }, { c: 'three' }, { c: 'four' }],
  },
];

function find(name: string, docs: object[], command: object, expected: object[]): ConformanceCase {
  return {
    name,
    docs: docs as ConformanceCase['docs'],
    run: { find: COLL, sort: { _id: 1 }, ...command },
    expect: { docs: expected },
  };
}

const mixed = [
  { _id: 1, v: 'a string' },
  { _id: 2, v: 42 },
  { _id: 3, v: null },
  { _id: 4, v: { x: 1 } },
  { _id: 5, v: new ObjectId('5ab9cbfa31c2ab715d42129e') },
  { _id: 6, v: true },
  { _id: 7, v: new Date('2020-01-01T00:00:00Z') },
  { _id: 8, v: new MaxKey() },
  { _id: 9, v: new MinKey() },
  { _id: 10, v: new Binary(Buffer.from([1, 2])) },
  { _id: 11, v: new BSONRegExp('ab', 'i') },
  { _id: 12, v: new Timestamp({ t: 1, i: 1 }) },
  { _id: 13 },
  { _id: 14, v: false },
  { _id: 15, v: -3.5 },
];

const letters = [
  { _id: 1, s: 'b' },
  { _id: 2, s: 'A' },
  { _id: 3, s: 'a' },
  { _id: 4, s: 'B' },
];

export const projectionSortCases: ConformanceCase[] = [
  find(
    named('projection', projPage, 'inclusion returns _id first, then the fields in document order'),
    [{ _id: 1, b: 2, a: 1, c: 3 }],
    { projection: { c: 1, a: 1 } },
    [{ _id: 1, a: 1, c: 3 }],
  ),
  find(
    named('projection', projPage, '_id: 0 suppresses _id in an inclusion'),
    inventory,
    { projection: { item: 1, status: 1, _id: 0 } },
    [
      { item: 'journal', status: 'A' },
      { item: 'postcard', status: 'A' },
    ],
  ),
  find(
    named('projection', projPage, 'exclusion returns every other field in document order'),
    inventory,
    { projection: { status: 0, instock: 0 } },
    [
      { _id: 1, item: 'journal', size: { h: 14, w: 21, uom: 'cm' } },
      { _id: 2, item: 'postcard', size: { h: 10, w: 15.25, uom: 'cm' } },
    ],
  ),
  find(
    named('projection', projPage, 'a dotted path includes one embedded field'),
    inventory,
    { projection: { item: 1, 'size.uom': 1 } },
    [
      { _id: 1, item: 'journal', size: { uom: 'cm' } },
      { _id: 2, item: 'postcard', size: { uom: 'cm' } },
    ],
  ),
  find(
    named('projection', projPage, 'a dotted path excludes one embedded field'),
    inventory,
    { filter: { _id: 1 }, projection: { 'size.uom': 0, instock: 0 } },
    [{ _id: 1, item: 'journal', status: 'A', size: { h: 14, w: 21 } }],
  ),
  find(
    named('projection', projPage, 'a dotted path through an array projects each element'),
    inventory,
    { filter: { _id: 2 }, projection: { 'instock.qty': 1 } },
    [{ _id: 2, instock: [{ qty: 15 }, { qty: 35 }] }],
  ),
  find(
    named('projection', projPage, 'an aggregation expression computes a field'),
    [{ _id: 1, a: 2, b: 3 }],
    { projection: { total: { $add: ['$a', '$b'] } } },
    [{ _id: 1, total: 5 }],
  ),
  {
    name: named('projection', projPage, 'mixing inclusion and exclusion is error 31254'),
    docs: inventory,
    run: { find: COLL, projection: { item: 1, status: 0 } },
    expect: { error: { code: 31254 } },
  },
  find(
    named('$ (projection)', op('positional'), 'returns the first element that matched the query'),
    [
      { _id: 1, semester: 1, grades: [70, 87, 90] },
      { _id: 2, semester: 1, grades: [90, 88, 92] },
      { _id: 3, semester: 2, grades: [85, 100, 90] },
    ],
    { filter: { semester: 1, grades: { $gte: 85 } }, projection: { 'grades.$': 1 } },
    [
      { _id: 1, grades: [87] },
      { _id: 2, grades: [90] },
    ],
  ),
  find(
    named('$elemMatch (projection)', op('elemMatch'), 'returns only the first matching element, with _id'),
    [
      {
        _id: 1,
        zipcode: '63109',
        students: [
          { name: 'john', school: 102, age: 10 },
          { name: 'jess', school: 102, age: 11 },
          { name: 'jeff', school: 108, age: 15 },
        ],
      },
      { _id: 2, zipcode: '63110', students: [{ name: 'ajax', school: 100, age: 7 }] },
      {
        _id: 3,
        zipcode: '63109',
        students: [
          { name: 'ajax', school: 100, age: 7 },
          { name: 'achilles', school: 100, age: 8 },
        ],
      },
    ],
    { filter: { zipcode: '63109' }, projection: { students: { $elemMatch: { school: 102 } } } },
    [{ _id: 1, students: [{ name: 'john', school: 102, age: 10 }] }, { _id: 3 }],
  ),
  find(named('sort', sortPage, 'ascending and descending on one field'), letters, { sort: { s: -1 } }, [
    { _id: 1, s: 'b' },
    { _id: 3, s: 'a' },
    { _id: 4, s: 'B' },
    { _id: 2, s: 'A' },
  ]),
  find(
    named(
      'sort',
      'reference/bson-type-comparison-order',
      'mixed types follow the BSON comparison order; missing sorts as null',
    ),
    mixed,
    { sort: { v: 1, _id: 1 }, projection: { _id: 1 } },
    [9, 3, 13, 15, 2, 1, 4, 10, 5, 14, 6, 7, 12, 11, 8].map((_id) => ({ _id })),
  ),
  find(
    named('sort', 'reference/bson-type-comparison-order', 'descending reverses the BSON comparison order'),
    mixed,
    { sort: { v: -1, _id: 1 }, projection: { _id: 1 } },
    [8, 11, 12, 7, 6, 14, 5, 10, 4, 1, 2, 15, 3, 13, 9].map((_id) => ({ _id })),
  ),
  find(
    named('sort', sortPage, 'an array sorts by its smallest element ascending and its largest descending'),
    [
      { _id: 1, a: [1, 9] },
      { _id: 2, a: [3, 4] },
      { _id: 3, a: 5 },
    ],
    { sort: { a: -1 } },
    [
      { _id: 1, a: [1, 9] },
      { _id: 3, a: 5 },
      { _id: 2, a: [3, 4] },
    ],
  ),
  find(
    named('sort', sortPage, 'an array sorts by its smallest element ascending'),
    [
      { _id: 1, a: [1, 9] },
      { _id: 2, a: [3, 4] },
      { _id: 3, a: 2 },
    ],
    { sort: { a: 1 } },
    [
      { _id: 1, a: [1, 9] },
      { _id: 3, a: 2 },
      { _id: 2, a: [3, 4] },
    ],
  ),
  find(
    named('sort', sortPage, 'by an embedded field, then a second key'),
    [
      { _id: 1, d: { k: 2 }, n: 'b' },
      { _id: 2, d: { k: 1 }, n: 'z' },
      { _id: 3, d: { k: 2 }, n: 'a' },
    ],
    { sort: { 'd.k': 1, n: 1 } },
    [
      { _id: 2, d: { k: 1 }, n: 'z' },
      { _id: 3, d: { k: 2 }, n: 'a' },
      { _id: 1, d: { k: 2 }, n: 'b' },
    ],
  ),
  find(
    named('sort', sortPage, 'strings compare by binary order without a collation'),
    letters,
    { sort: { s: 1 } },
    [
      { _id: 2, s: 'A' },
      { _id: 4, s: 'B' },
      { _id: 3, s: 'a' },
      { _id: 1, s: 'b' },
    ],
  ),
  find(
    named('collation', 'reference/collation', 'locale "en" sorts letters alphabetically, lowercase first'),
    letters,
    { sort: { s: 1 }, collation: { locale: 'en' } },
    [
      { _id: 3, s: 'a' },
      { _id: 2, s: 'A' },
      { _id: 1, s: 'b' },
      { _id: 4, s: 'B' },
    ],
  ),
  find(
    named('collation', 'reference/collation', 'numericOrdering compares digit strings as numbers'),
    [
      { _id: 1, n: '10' },
      { _id: 2, n: '9' },
      { _id: 3, n: '100' },
    ],
    { sort: { n: 1 }, collation: { locale: 'en', numericOrdering: true } },
    [
      { _id: 2, n: '9' },
      { _id: 1, n: '10' },
      { _id: 3, n: '100' },
    ],
  ),
  find(
    named(
      '$slice (projection)',
      op('slice'),
      'a positive count returns the first elements and every other field',
    ),
    posts,
    { projection: { comments: { $slice: 2 } } },
    [{ _id: 1, title: 'Bagels are not croissants.', comments: [{ c: 'one' }, { c: 'two' }] }],
  ),
  find(
    named('$slice (projection)', op('slice'), 'a negative count returns the last elements'),
    posts,
    { projection: { comments: { $slice: -1 } } },
    [{ _id: 1, title: 'Bagels are not croissants.', comments: [{ c: 'four' }] }],
  ),
  find(
    named('$slice (projection)', op('slice'), '[skip, limit] returns a range'),
    posts,
    { projection: { comments: { $slice: [1, 2] }, title: 0 } },
    [{ _id: 1, comments: [{ c: 'two' }, { c: 'three' }] }],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_PROJECTION_SORT: ConformanceCase[] = [];
