import { Binary } from 'mongodb';
import { COLL, type ConformanceCase } from '../case';
import { findCase, named } from './build';

const page = (op: string): string => `reference/operator/query/${op}`;

const monthlyBudget = [
  { _id: 1, category: 'food', budget: 400, spent: 450 },
  { _id: 2, category: 'drinks', budget: 100, spent: 150 },
  { _id: 3, category: 'clothes', budget: 100, spent: 50 },
  { _id: 4, category: 'misc', budget: 500, spent: 300 },
  { _id: 5, category: 'travel', budget: 200, spent: 650 },
];

const products = [
  { _id: 100, sku: 'abc123', description: 'Single line description.' },
  { _id: 101, sku: 'abc789', description: 'First line\nSecond line' },
  { _id: 102, sku: 'xyz456', description: 'Many spaces before     line' },
  { _id: 103, sku: 'xyz789', description: 'Multiple\nline description' },
  { _id: 104, sku: 'Abc789', description: 'SKU should be case-insensitive' },
];

const qtys = [
  { _id: 1, item: 'abc123', qty: 0 },
  { _id: 2, item: 'xyz123', qty: 5 },
  { _id: 3, item: 'ijk123', qty: 12 },
];

const scores = [
  { _id: 1, results: [82, 85, 88] },
  { _id: 2, results: [75, 88, 89] },
];

const surveys = [
  {
    _id: 1,
    results: [
      { product: 'abc', score: 10 },
      { product: 'xyz', score: 5 },
    ],
  },
  {
    _id: 2,
    results: [
      { product: 'abc', score: 8 },
      { product: 'xyz', score: 7 },
    ],
  },
  {
    _id: 3,
    results: [
      { product: 'abc', score: 7 },
      { product: 'xyz', score: 8 },
    ],
  },
  {
    _id: 4,
    results: [
      { product: 'abc', score: 7 },
      { product: 'def', score: 8 },
    ],
  },
];

const tagged = [
  {
    _id: 1,
    tags: ['appliance', 'school', 'book'],
    qty: [
      { size: 'S', num: 10 },
      { size: 'M', num: 45 },
    ],
  },
  {
    _id: 2,
    tags: ['school', 'book'],
    qty: [
      { size: 'M', num: 100 },
      { size: 'L', num: 100 },
    ],
  },
  { _id: 3, tags: ['electronics'], qty: [{ size: 'S', num: 5 }] },
  { _id: 4, tags: [], qty: [] },
];

const bits = [
  { _id: 1, a: 54 },
  { _id: 2, a: 20 },
  { _id: 3, a: 20.0 },
  { _id: 4, a: new Binary(Buffer.from('Zg==', 'base64'), 0) },
];

export const queryEvaluationArrayCases: ConformanceCase[] = [
  findCase(
    named('$expr', page('expr'), 'compares two fields of the same document'),
    monthlyBudget,
    { $expr: { $gt: ['$spent', '$budget'] } },
    [1, 2, 5],
  ),
  findCase(
    named('$expr', page('expr'), 'uses conditional expressions'),
    monthlyBudget,
    {
      $expr: {
        $lt: [
          {
            $cond: { if: { $gte: ['$budget', 200] }, then: { $multiply: ['$budget', 0.5] }, else: '$budget' },
          },
          '$spent',
        ],
      },
    },
    [1, 2, 4, 5],
  ),
  findCase(
    named('$regex', page('regex'), 'a prefix expression'),
    products,
    { sku: { $regex: /^ABC/i } },
    [100, 101, 104],
  ),
  findCase(
    named('$regex', page('regex'), '$options "i" makes the match case-insensitive'),
    products,
    { sku: { $regex: '789$', $options: '' }, description: { $regex: 'sku', $options: 'i' } },
    [104],
  ),
  findCase(
    named('$regex', page('regex'), '$options "m" anchors ^ at each line'),
    products,
    { description: { $regex: '^S', $options: 'm' } },
    [100, 101, 104],
  ),
  findCase(
    named('$regex', page('regex'), 'without "m", ^ anchors only at the start of the string'),
    products,
    { description: { $regex: /^S/ } },
    [100, 104],
  ),
  findCase(
    named('$mod', page('mod'), 'matches when value % divisor equals the remainder'),
    qtys,
    { qty: { $mod: [4, 0] } },
    [1, 3],
  ),
  findCase(
    named('$all', page('all'), 'the array contains all listed elements, in any order'),
    tagged,
    { tags: { $all: ['book', 'school'] } },
    [1, 2],
  ),
  findCase(
    named('$all', page('all'), 'with $elemMatch, each condition is met by some element'),
    tagged,
    { qty: { $all: [{ $elemMatch: { size: 'M', num: { $gt: 50 } } }, { $elemMatch: { num: 100 } }] } },
    [2],
  ),
  findCase(
    named('$elemMatch (query)', page('elemMatch'), 'one element satisfies all the conditions'),
    scores,
    { results: { $elemMatch: { $gte: 80, $lt: 85 } } },
    [1],
  ),
  findCase(
    named('$elemMatch (query)', page('elemMatch'), 'conditions on fields of one embedded document'),
    surveys,
    { results: { $elemMatch: { product: 'xyz', score: { $gte: 8 } } } },
    [3],
  ),
  findCase(
    named(
      'query arrays',
      'tutorial/query-arrays',
      'without $elemMatch, different elements may satisfy each condition',
    ),
    scores,
    { results: { $gte: 80, $lt: 85 } },
    [1, 2],
  ),
  findCase(
    named(
      'query arrays',
      'tutorial/query-array-of-documents',
      'a dotted path reaches fields of documents in an array',
    ),
    tagged,
    { 'qty.num': { $lte: 5 } },
    [3],
  ),
  findCase(
    named('query arrays', 'tutorial/query-arrays', 'an index in the path matches that position only'),
    tagged,
    { 'tags.0': 'school' },
    [2],
  ),
  findCase(
    named('$size', page('size'), 'matches arrays with exactly that many elements'),
    tagged,
    { tags: { $size: 2 } },
    [2],
  ),
  findCase(named('$size', page('size'), '0 matches empty arrays'), tagged, { tags: { $size: 0 } }, [4]),
  findCase(
    named('$bitsAllSet', page('bitsAllSet'), 'a numeric bitmask'),
    bits,
    { a: { $bitsAllSet: 50 } },
    [1],
  ),
  {
    name: named('query', 'reference/operator/query', 'an unknown operator is BadValue (2)'),
    docs: qtys,
    run: { find: COLL, filter: { qty: { $foo: 1 } } },
    expect: { error: { code: 2, codeName: 'BadValue' } },
  },
  {
    name: named('query', 'reference/operator/query', 'an unknown top-level operator is BadValue (2)'),
    docs: qtys,
    run: { find: COLL, filter: { $foo: [{ qty: 1 }] } },
    expect: { error: { code: 2, codeName: 'BadValue' } },
  },
  {
    name: named(
      '$text',
      page('text'),
      'without a text index fails (the engine has no text search): fails loudly',
    ),
    docs: products,
    run: { find: COLL, filter: { $text: { $search: 'line' } } },
    expect: { fails: true },
  },
  {
    name: named('$near', page('near'), 'without a geospatial index fails: fails loudly'),
    docs: [{ _id: 1, loc: { type: 'Point', coordinates: [1, 1] } }],
    run: { find: COLL, filter: { loc: { $near: { $geometry: { type: 'Point', coordinates: [0, 0] } } } } },
    expect: { fails: true },
  },
  findCase(
    named('$mod', page('mod'), 'a decimal divisor is truncated toward zero'),
    qtys,
    { qty: { $mod: [4.5, 0] } },
    [1, 3],
  ),
  {
    name: named('$mod', page('mod'), 'fewer than two elements is BadValue (2)'),
    docs: qtys,
    run: { find: COLL, filter: { qty: { $mod: [4] } } },
    expect: { error: { code: 2, codeName: 'BadValue' } },
  },
  findCase(
    named('$bitsAllSet', page('bitsAllSet'), 'bit positions, numbers and BinData'),
    bits,
    { a: { $bitsAllSet: [1, 5] } },
    [1, 4],
  ),
  findCase(
    named('$bitsAnySet', page('bitsAnySet'), 'any listed bit is set'),
    bits,
    { a: { $bitsAnySet: [1, 5] } },
    [1, 4],
  ),
  findCase(
    named('$bitsAllClear', page('bitsAllClear'), 'all listed bits are clear'),
    bits,
    { a: { $bitsAllClear: [1, 5] } },
    [2, 3],
  ),
  findCase(
    named('$bitsAnyClear', page('bitsAnyClear'), 'any listed bit is clear'),
    bits,
    { a: { $bitsAnyClear: [5, 6] } },
    [1, 2, 3],
  ),
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_QUERY_EVALUATION: ConformanceCase[] = [];
