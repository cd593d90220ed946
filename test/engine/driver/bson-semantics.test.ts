import { Decimal128, Long, MaxKey, MinKey, ObjectId, type Collection } from 'mongodb';
import { closeFixture, openFixture, type EngineFixture, type LooseDoc } from './fixture';

let fixture: EngineFixture;
let c: Collection<LooseDoc>;
beforeAll(async () => {
  fixture = await openFixture();
  c = fixture.client.db('bson').collection<LooseDoc>('values');
});
afterAll(() => closeFixture(fixture));
beforeEach(() => c.deleteMany({}));

describe('BSON type semantics', () => {
  it('matches ObjectId with $type and converts with $toString / $toObjectId', async () => {
    const id = new ObjectId();
    await c.insertMany([{ _id: id, ref: id.toHexString() }, { _id: 'plain' }]);
    expect(await c.countDocuments({ _id: { $type: 'objectId' } })).toBe(1);
    expect(await c.countDocuments({ _id: { $type: 7 } })).toBe(1);
    const [converted] = await c
      .aggregate([
        { $match: { _id: id } },
        { $project: { s: { $toString: '$_id' }, o: { $toObjectId: '$ref' }, t: { $type: '$_id' } } },
      ])
      .toArray();
    expect(converted).toEqual({ _id: id, s: id.toHexString(), o: id, t: 'objectId' });
  });

  it('compares Long beyond 2^53 and Decimal128 exactly', async () => {
    await c.insertMany([
      { _id: 1, big: Long.fromString('9007199254740993'), d: Decimal128.fromString('0.1') },
      { _id: 2, big: Long.fromString('9007199254740992'), d: Decimal128.fromString('0.3') },
    ]);
    const bigger = await c.find({ big: { $gt: Long.fromString('9007199254740992') } }).toArray();
    expect(bigger.map((d) => d._id)).toEqual([1]);
    expect((await c.find({ d: { $gt: 0.2 } }).toArray()).map((d) => d._id)).toEqual([2]);
    expect((await c.find({ d: Decimal128.fromString('0.10') }).toArray()).map((d) => d._id)).toEqual([1]);
    const stored = await c.findOne({ _id: 1 });
    expect(stored?.big).toEqual(Long.fromString('9007199254740993'));
  });

  it('sorts mixed types in MongoDB comparison order', async () => {
    const values: unknown[] = [
      new MaxKey(),
      true,
      new Date(0),
      new ObjectId('000000000000000000000000'),
      [5],
      { a: 1 },
      'text',
      3,
      null,
      new MinKey(),
    ];
    await c.insertMany(values.map((v, i) => ({ _id: i, v })));
    const sorted = await c.find({}).sort({ v: 1 }).toArray();
    expect(sorted.map((d) => d._id)).toEqual([9, 8, 7, 4, 6, 5, 3, 1, 2, 0]);
  });

  it('treats missing fields as null in equality and sorting', async () => {
    await c.insertMany([{ _id: 1, v: null }, { _id: 2 }, { _id: 3, v: 0 }]);
    expect((await c.find({ v: null }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
    expect((await c.find({ v: { $ne: null } }).toArray()).map((d) => d._id)).toEqual([3]);
    expect((await c.find({}).sort({ v: -1, _id: 1 }).toArray()).map((d) => d._id)).toEqual([3, 1, 2]);
  });
});
