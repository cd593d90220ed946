import { Decimal128, Long, ObjectId } from 'mongodb';
import { closeFixture, openFixture, type EngineFixture } from './fixture';

let fixture: EngineFixture;
beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(() => closeFixture(fixture));

describe('aggregate', () => {
  it('sorts in BSON order inside pipelines and groups by ObjectId', async () => {
    const c = fixture.client.db('agg').collection<{ v: unknown; owner?: ObjectId }>('mixed');
    const owner = new ObjectId();
    await c.insertMany([
      { v: 'a' },
      { v: Decimal128.fromString('2.5'), owner },
      { v: null, owner },
      { v: 1 },
    ]);
    const sorted = await c.aggregate([{ $sort: { v: 1 } }, { $project: { _id: 0, v: 1 } }]).toArray();
    expect(sorted.map((d) => String(d.v))).toEqual(['null', '1', '2.5', 'a']);
    const grouped = await c
      .aggregate([{ $match: { owner: { $exists: true } } }, { $group: { _id: '$owner', n: { $sum: 1 } } }])
      .toArray();
    expect(grouped).toEqual([{ _id: owner, n: 2 }]);
  });

  it('counts documents the way countDocuments asks', async () => {
    const c = fixture.client.db('agg').collection('counted');
    await c.insertMany(Array.from({ length: 30 }, (_, i) => ({ i })));
    expect(await c.countDocuments({ i: { $gte: 10 } }, { skip: 5, limit: 10 })).toBe(10);
  });

  it('merges results into another collection', async () => {
    const db = fixture.client.db('agg');
    await db.collection('totals').insertMany([{ _id: 'x', total: 1, keep: true }] as never[]);
    await db.collection('sales').insertMany([
      { item: 'x', qty: 2 },
      { item: 'x', qty: 3 },
      { item: 'y', qty: 4 },
    ]);
    await db
      .collection('sales')
      .aggregate([{ $group: { _id: '$item', total: { $sum: '$qty' } } }, { $merge: { into: 'totals' } }])
      .toArray();
    const totals = await db.collection('totals').find({}).sort({ _id: 1 }).toArray();
    expect(totals).toEqual([
      { _id: 'x', total: 5, keep: true },
      { _id: 'y', total: 4 },
    ]);
    await expect(
      db
        .collection('sales')
        .aggregate([{ $merge: { into: 'totals', whenMatched: 'fail' } }, { $match: {} }])
        .toArray(),
    ).rejects.toMatchObject({ code: 40324 });
  });

  it('joins with $unionWith and $graphLookup across collections', async () => {
    const db = fixture.client.db('agg');
    await db.collection('staff').insertMany([
      { _id: 1, name: 'A', boss: null },
      { _id: 2, name: 'B', boss: 1 },
      { _id: 3, name: 'C', boss: 2 },
    ] as never[]);
    const chain = await db
      .collection('staff')
      .aggregate([
        { $match: { _id: 3 } },
        {
          $graphLookup: {
            from: 'staff',
            startWith: '$boss',
            connectFromField: 'boss',
            connectToField: '_id',
            as: 'chain',
          },
        },
        { $project: { n: { $size: '$chain' } } },
      ])
      .toArray();
    expect(chain).toEqual([{ _id: 3, n: 2 }]);
    const union = await db
      .collection('staff')
      .aggregate([{ $unionWith: 'sales' }, { $count: 'n' }])
      .toArray();
    expect(union).toEqual([{ n: 6 }]);
  });

  it('reports pipeline errors as command errors', async () => {
    const c = fixture.client.db('agg').collection('counted');
    await expect(c.aggregate([{ $frob: {} }]).toArray()).rejects.toMatchObject({ ok: 0 });
    await expect(c.aggregate([{ $geoNear: {} }]).toArray()).rejects.toMatchObject({ code: 238 });
  });
});

describe('sorted finds with a limit', () => {
  it('returns the same page whether or not the whole result is kept', async () => {
    const c = fixture.client.db('agg').collection('paged');
    await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ k: (i * 7919) % 500, g: i % 3 })));
    const page = await c.find({ g: 1 }).sort({ k: -1 }).skip(5).limit(10).toArray();
    const all = await c.find({ g: 1 }).sort({ k: -1 }).toArray();
    expect(page.map((d) => d.k)).toEqual(all.slice(5, 15).map((d) => d.k));
    expect(page.map((d) => d.k)).toEqual([...page.map((d) => d.k)].sort((a, b) => b - a));
  });
});

describe('stage validation', () => {
  it('reports unknown stages (40324), $group without _id (15955) and counts nothing as no document', async () => {
    const c = fixture.client.db('agg').collection('paged');
    await expect(c.aggregate([{ $frobnicate: {} }]).toArray()).rejects.toMatchObject({ code: 40324 });
    await expect(c.aggregate([{ $group: { n: { $sum: 1 } } }]).toArray()).rejects.toMatchObject({
      code: 15955,
    });
    expect(await c.aggregate([{ $match: { k: -1 } }, { $count: 'n' }]).toArray()).toEqual([]);
    expect(await c.countDocuments({ k: { $mod: [4.5, 0] } })).toBe(125);
    await expect(c.countDocuments({ k: { $mod: [4] } })).rejects.toMatchObject({ code: 2 });
  });
});

describe('$project field order', () => {
  it('puts _id first, included fields in document order, then computed fields', async () => {
    const c = fixture.client.db('agg').collection('ordered');
    await c.insertOne({ _id: 1, b: 2, a: 1, c: 3 } as never);
    const [doc] = await c.aggregate([{ $project: { total: { $add: ['$a', '$b'] }, c: 1, a: 1 } }]).toArray();
    expect(Object.keys(doc)).toEqual(['_id', 'a', 'c', 'total']);
    expect(doc).toEqual({ _id: 1, a: 1, c: 3, total: 3 });
  });
});

describe('$sum with Long and Decimal128', () => {
  it('adds exactly and returns Decimal128 when one takes part', async () => {
    const c = fixture.client.db('agg').collection<{ g: number; v: unknown }>('sums');
    await c.insertMany([
      { g: 1, v: Decimal128.fromString('0.1') },
      { g: 1, v: Decimal128.fromString('0.2') },
      { g: 2, v: Long.fromString('9007199254740993') },
      { g: 2, v: 1 },
    ]);
    const totals = await c
      .aggregate([{ $group: { _id: '$g', total: { $sum: '$v' } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(totals[0]).toEqual({ _id: 1, total: Decimal128.fromString('0.3') });
    expect(String(totals[1].total)).toBe('9007199254740994');
  });
});
