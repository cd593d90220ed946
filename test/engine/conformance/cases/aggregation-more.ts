import { Decimal128, Long, ObjectId } from 'mongodb';
import { COLL, OTHER, type ConformanceCase } from '../case';
import { aggregateCase, named } from './build';

const page = (stage: string): string => `reference/operator/aggregation/${stage}`;

const orders = [
  { _id: 1, item: 'almonds', price: 12, quantity: 2 },
  { _id: 2, item: 'pecans', price: 20, quantity: 1 },
  { _id: 3 },
];
const inventory = [
  { _id: 1, sku: 'almonds', description: 'product 1', instock: 120 },
  { _id: 2, sku: 'bread', description: 'product 2', instock: 80 },
  { _id: 3, sku: 'cashews', description: 'product 3', instock: 60 },
  { _id: 4, sku: 'pecans', description: 'product 4', instock: 70 },
  { _id: 5, sku: null, description: 'Incomplete' },
  { _id: 6 },
];

const artworks = [
  { _id: 1, title: 'The Pillars', artist: 'Grosz', year: 1926, price: Decimal128.fromString('199.99') },
  { _id: 2, title: 'Melancholy', artist: 'Munch', year: 1894, price: 280 },
  { _id: 3, title: 'Dancer', artist: 'Miro', year: 1925, price: 76.04 },
  { _id: 4, title: 'The Great Wave', artist: 'Hokusai', price: 167.3 },
  { _id: 5, title: 'Blue Flower', artist: 'OKeeffe', year: 1918, price: 118.42 },
];

const oid = new ObjectId('5ab9cbfa31c2ab715d42129e');

export const aggregationMoreCases: ConformanceCase[] = [
  {
    name: named(
      '$lookup',
      page('lookup'),
      'equality match with another collection; null and missing match each other',
    ),
    docs: orders,
    otherDocs: inventory,
    run: {
      aggregate: COLL,
      pipeline: [{ $lookup: { from: OTHER, localField: 'item', foreignField: 'sku', as: 'inventory_docs' } }],
      cursor: {},
    },
    expect: {
      docs: [
        { ...orders[0], inventory_docs: [inventory[0]] },
        { ...orders[1], inventory_docs: [inventory[3]] },
        { _id: 3, inventory_docs: [inventory[4], inventory[5]] },
      ],
    },
  },
  {
    name: named('$lookup', page('lookup'), 'let and a pipeline with $expr'),
    docs: [
      { _id: 1, item: 'almonds', qty: 100 },
      { _id: 2, item: 'pecans', qty: 10 },
    ],
    otherDocs: inventory.slice(0, 4),
    run: {
      aggregate: COLL,
      pipeline: [
        {
          $lookup: {
            from: OTHER,
            let: { want: '$qty', name: '$item' },
            pipeline: [
              {
                $match: { $expr: { $and: [{ $eq: ['$sku', '$$name'] }, { $gte: ['$instock', '$$want'] }] } },
              },
              { $project: { _id: 0, instock: 1 } },
            ],
            as: 'stock',
          },
        },
      ],
      cursor: {},
    },
    expect: {
      docs: [
        { _id: 1, item: 'almonds', qty: 100, stock: [{ instock: 120 }] },
        { _id: 2, item: 'pecans', qty: 10, stock: [{ instock: 70 }] },
      ],
    },
  },
  aggregateCase(
    named('$facet', page('facet'), 'several pipelines over the same input in one document'),
    artworks,
    [
      {
        $facet: {
          byDecade: [{ $match: { year: { $exists: true } } }, { $count: 'n' }],
          cheapest: [{ $sort: { price: 1 } }, { $limit: 1 }, { $project: { _id: 0, title: 1 } }],
        },
      },
    ],
    [{ byDecade: [{ n: 4 }], cheapest: [{ title: 'Dancer' }] }],
  ),
  aggregateCase(
    named('$replaceRoot', page('replaceRoot'), 'promotes an embedded document'),
    [
      { _id: 1, name: { first: 'John', last: 'Backus' } },
      { _id: 2, name: { first: 'John', last: 'McCarthy' } },
    ],
    [{ $replaceRoot: { newRoot: '$name' } }],
    [
      { first: 'John', last: 'Backus' },
      { first: 'John', last: 'McCarthy' },
    ],
  ),
  aggregateCase(
    named('$replaceWith', page('replaceWith'), '$mergeObjects supplies defaults'),
    [
      { _id: 1, name: 'Arlene', age: 34, pets: { dogs: 2, cats: 1 } },
      { _id: 2, name: 'Sam', age: 41, pets: { cats: 1, fish: 3 } },
    ],
    [{ $replaceWith: { $mergeObjects: [{ dogs: 0, cats: 0, birds: 0, fish: 0 }, '$pets'] } }],
    [
      { dogs: 2, cats: 1, birds: 0, fish: 0 },
      { dogs: 0, cats: 1, birds: 0, fish: 3 },
    ],
  ),
  aggregateCase(
    named('$toObjectId', page('toObjectId'), 'a 24-hex-digit string becomes an ObjectId'),
    [{ _id: 1, ref: '5ab9cbfa31c2ab715d42129e' }],
    [{ $project: { _id: 0, ref: { $toObjectId: '$ref' } } }],
    [{ ref: oid }],
  ),
  aggregateCase(
    named('$type (aggregation)', page('type'), 'names the BSON type, "missing" for an absent field'),
    [
      {
        _id: oid,
        a: 1,
        b: 'x',
        c: [1],
        d: { e: 1 },
        f: null,
        g: Long.fromString('9007199254740993'),
        h: 1.5,
      },
    ],
    [
      {
        $project: {
          _id: { $type: '$_id' },
          a: { $type: '$a' },
          b: { $type: '$b' },
          c: { $type: '$c' },
          d: { $type: '$d' },
          f: { $type: '$f' },
          g: { $type: '$g' },
          h: { $type: '$h' },
          z: { $type: '$z' },
        },
      },
    ],
    [
      {
        _id: 'objectId',
        a: 'int',
        b: 'string',
        c: 'array',
        d: 'object',
        f: 'null',
        g: 'long',
        h: 'double',
        z: 'missing',
      },
    ],
  ),
  {
    name: named(
      'aggregate',
      'reference/command/aggregate',
      'the cursor reply names the namespace and is exhausted',
    ),
    docs: articlesLike(),
    run: { aggregate: COLL, pipeline: [{ $match: { _id: 1 } }], cursor: {} },
    expect: {
      reply: { cursor: { firstBatch: [{ _id: 1, n: 1 }], id: 0, ns: `conformance.${COLL}` }, ok: 1 },
    },
  },
  {
    name: named('$unionWith', page('unionWith'), 'appends the documents of another collection'),
    docs: [{ _id: 1, store: 'A', item: 'Chocolates' }],
    otherDocs: [
      { _id: 1, store: 'B', item: 'Cookies' },
      { _id: 2, store: 'B', item: 'Pie' },
    ],
    run: {
      aggregate: COLL,
      pipeline: [
        { $unionWith: { coll: OTHER, pipeline: [{ $sort: { _id: 1 } }] } },
        { $project: { _id: 0, store: 1, item: 1 } },
      ],
      cursor: {},
    },
    expect: {
      docs: [
        { store: 'A', item: 'Chocolates' },
        { store: 'B', item: 'Cookies' },
        { store: 'B', item: 'Pie' },
      ],
    },
  },
  aggregateCase(
    named('$toString', page('toString'), 'an ObjectId becomes its hex string, numbers and dates too'),
    [{ _id: oid, n: 5, d: new Date('2018-03-27T16:58:51.538Z') }],
    [{ $project: { _id: 0, id: { $toString: '$_id' }, n: { $toString: '$n' }, d: { $toString: '$d' } } }],
    [{ id: '5ab9cbfa31c2ab715d42129e', n: '5', d: '2018-03-27T16:58:51.538Z' }],
  ),
  aggregateCase(
    named('$sort', page('sort'), 'Decimal128 and Long sort by numeric value among other numbers'),
    [
      { _id: 1, v: Decimal128.fromString('2.5') },
      { _id: 2, v: Long.fromString('9007199254740993') },
      { _id: 3, v: 3 },
      { _id: 4, v: Long.fromString('9007199254740992') },
      { _id: 5, v: -1.5 },
    ],
    [{ $sort: { v: 1 } }, { $project: { v: 0 } }],
    [{ _id: 5 }, { _id: 1 }, { _id: 3 }, { _id: 4 }, { _id: 2 }],
  ),
  {
    name: named('aggregate', 'reference/operator/aggregation-pipeline', 'an unknown stage is error 40324'),
    docs: articlesLike(),
    run: { aggregate: COLL, pipeline: [{ $nosuchstage: {} }], cursor: {} },
    expect: { error: { code: 40324 } },
  },
  {
    name: named('$group', page('group'), 'a group specification without _id is error 15955'),
    docs: articlesLike(),
    run: { aggregate: COLL, pipeline: [{ $group: { n: { $sum: 1 } } }], cursor: {} },
    expect: { error: { code: 15955 } },
  },
  aggregateCase(
    named('$bucket', page('bucket'), 'groups by boundaries, the rest in the default bucket'),
    artworks,
    [
      {
        $bucket: {
          groupBy: '$price',
          boundaries: [0, 100, 200],
          default: 'Other',
          output: { count: { $sum: 1 }, titles: { $push: '$title' } },
        },
      },
    ],
    [
      { _id: 0, count: 1, titles: ['Dancer'] },
      { _id: 100, count: 3, titles: ['The Pillars', 'The Great Wave', 'Blue Flower'] },
      { _id: 'Other', count: 1, titles: ['Melancholy'] },
    ],
  ),
  aggregateCase(
    named('$bucket', page('bucket'), 'without output, each bucket has a count'),
    artworks,
    [{ $bucket: { groupBy: '$year', boundaries: [1890, 1910, 1920, 1940], default: 'Unknown' } }],
    [
      { _id: 1890, count: 1 },
      { _id: 1910, count: 1 },
      { _id: 1920, count: 2 },
      { _id: 'Unknown', count: 1 },
    ],
  ),
];

function articlesLike(): { _id: number; n: number }[] {
  return [
    { _id: 1, n: 1 },
    { _id: 2, n: 2 },
  ];
}

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_AGGREGATION_MORE: ConformanceCase[] = [];
