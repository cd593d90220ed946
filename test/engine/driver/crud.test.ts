import { ObjectId, type Collection } from 'mongodb';
import { closeFixture, openFixture, type EngineFixture, type LooseDoc } from './fixture';

interface Person {
  _id?: number | ObjectId;
  name?: string;
  age?: number;
  tags?: string[];
  address?: { city: string; zip?: string };
  role?: string;
  created?: boolean;
  decade?: number;
  pledges?: unknown;
}

let fixture: EngineFixture;
let people: Collection<Person>;
beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(() => closeFixture(fixture));
beforeEach(async () => {
  people = fixture.client.db('crud').collection<Person>('people');
  await people.deleteMany({});
  await people.insertMany([
    { _id: 1, name: 'Ada', age: 36, tags: ['math', 'code'], address: { city: 'London', zip: 'N1' } },
    { _id: 2, name: 'Grace', age: 85, tags: ['navy', 'code'], address: { city: 'Arlington', zip: '22201' } },
    { _id: 3, name: 'Alan', age: 41, tags: ['math'], address: { city: 'Wilmslow', zip: 'SK9' } },
  ]);
});

describe('find', () => {
  it('filters, sorts, skips and limits', async () => {
    const names = await people.find({ tags: 'code' }).sort({ age: -1 }).toArray();
    expect(names.map((p) => p.name)).toEqual(['Grace', 'Ada']);
    const page = await people.find({}).sort({ name: 1 }).skip(1).limit(1).toArray();
    expect(page.map((p) => p.name)).toEqual(['Alan']);
  });

  it('projects fields in document order with _id first', async () => {
    const [doc] = await people.find({ _id: 1 }).project({ age: 1, name: 1 }).toArray();
    expect(Object.keys(doc)).toEqual(['_id', 'name', 'age']);
    const [nested] = await people.find({ _id: 1 }).project({ 'address.city': 1, _id: 0 }).toArray();
    expect(nested).toEqual({ address: { city: 'London' } });
    const [excluded] = await people.find({ _id: 1 }).project({ tags: 0, address: 0 }).toArray();
    expect(excluded).toEqual({ _id: 1, name: 'Ada', age: 36 });
  });

  it('supports positional, $slice and $elemMatch projections', async () => {
    const [positional] = await people.find({ tags: 'code', _id: 2 }).project({ 'tags.$': 1 }).toArray();
    expect(positional).toEqual({ _id: 2, tags: ['code'] });
    const [sliced] = await people
      .find({ _id: 1 })
      .project({ tags: { $slice: 1 }, name: 1 })
      .toArray();
    expect(sliced).toEqual({ _id: 1, name: 'Ada', tags: ['math'] });
  });

  it('rejects mixing inclusion and exclusion', async () => {
    await expect(people.find({}).project({ name: 1, age: 0 }).toArray()).rejects.toMatchObject({
      code: 31254,
    });
  });

  it('sorts with a collation', async () => {
    const words = fixture.client.db('crud').collection<{ w: string }>('words');
    await words.deleteMany({});
    await words.insertMany([{ w: 'b' }, { w: 'B' }, { w: 'a' }, { w: 'C' }]);
    const binary = await words
      .find({}, { projection: { _id: 0 } })
      .sort({ w: 1 })
      .toArray();
    expect(binary.map((d) => d.w)).toEqual(['B', 'C', 'a', 'b']);
    const natural = await words.find({}).sort({ w: 1 }).collation({ locale: 'en', strength: 1 }).toArray();
    expect(natural.map((d) => d.w.toLowerCase())).toEqual(['a', 'b', 'b', 'c']);
  });

  it('matches strings case-insensitively under a strength 2 collation', async () => {
    const found = await people.find({ name: 'ADA' }).collation({ locale: 'en', strength: 2 }).toArray();
    expect(found.map((p) => p._id)).toEqual([1]);
    expect(await people.countDocuments({ name: 'ADA' })).toBe(0);
  });

  it('returns large results in batches through getMore and closes cursors', async () => {
    const many = fixture.client.db('crud').collection<LooseDoc>('many');
    await many.deleteMany({});
    await many.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const first = await fixture.client.db('crud').command({ find: 'many', batchSize: 100 });
    expect(first.cursor.firstBatch).toHaveLength(100);
    expect(String(first.cursor.id)).not.toBe('0');
    const more = await fixture.client
      .db('crud')
      .command({ getMore: first.cursor.id, collection: 'many', batchSize: 120 });
    expect(more.cursor.nextBatch).toHaveLength(120);
    const killed = await fixture.client
      .db('crud')
      .command({ killCursors: 'many', cursors: [first.cursor.id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    await expect(
      fixture.client.db('crud').command({ getMore: first.cursor.id, collection: 'many' }),
    ).rejects.toMatchObject({ code: 43 });
    const all = await many.find({}).sort({ i: 1 }).batchSize(7).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const single = await fixture.client.db('crud').command({ find: 'many', limit: 3, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(3);
    expect(Number(single.cursor.id)).toBe(0);
  });
});

describe('insert', () => {
  it('generates an ObjectId _id first and reports duplicate _id as E11000', async () => {
    const result = await people.insertOne({ name: 'Linus' });
    expect(result.insertedId).toBeInstanceOf(ObjectId);
    await expect(people.insertOne({ _id: 1, name: 'again' })).rejects.toMatchObject({ code: 11000 });
    const ordered = await people
      .insertMany([{ _id: 10 }, { _id: 1 }, { _id: 11 }], { ordered: false })
      .catch((e) => e);
    expect(ordered.code).toBe(11000);
    expect(await people.countDocuments({ _id: { $in: [10, 11] } })).toBe(2);
  });
});

describe('update', () => {
  it('updates one or many and reports matched and modified counts', async () => {
    const one = await people.updateOne({ name: 'Ada' }, { $inc: { age: 1 } });
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const same = await people.updateOne({ name: 'Ada' }, { $set: { age: 37 } });
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const many = await people.updateMany({ tags: 'math' }, { $push: { tags: 'logic' } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
  });

  it('upserts from the filter equality parts with $setOnInsert', async () => {
    const result = await people.updateOne(
      { name: 'Edsger', 'address.city': 'Austin', age: { $gt: 50 } },
      { $set: { role: 'prof' }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    const doc = await people.findOne({ _id: result.upsertedId! });
    expect(doc).toMatchObject({ name: 'Edsger', address: { city: 'Austin' }, role: 'prof', created: true });
    expect(doc).not.toHaveProperty('age');
    await people.updateOne(
      { name: 'Edsger' },
      { $set: { role: 'x' }, $setOnInsert: { created: false } },
      { upsert: true },
    );
    expect((await people.findOne({ name: 'Edsger' }))?.created).toBe(true);
  });

  it('applies arrayFilters, pipeline updates and replacements', async () => {
    await people.updateOne({ _id: 1 }, { $set: { 'tags.$[t]': 'CODE' } }, { arrayFilters: [{ t: 'code' }] });
    expect((await people.findOne({ _id: 1 }))?.tags).toEqual(['math', 'CODE']);
    await people.updateOne({ _id: 2 }, [{ $set: { decade: { $floor: { $divide: ['$age', 10] } } } }]);
    expect((await people.findOne({ _id: 2 }))?.decade).toBe(8);
    await people.replaceOne({ _id: 3 }, { name: 'Turing' });
    expect(await people.findOne({ _id: 3 })).toEqual({ _id: 3, name: 'Turing' });
  });

  it('accepts $set of _id to the value it already has, as connect-mongo sends on every save', async () => {
    const result = await people.updateOne({ _id: 1 }, { $set: { _id: 1, role: 'author' } }, { upsert: true });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await people.findOne({ _id: 1 })).toMatchObject({ _id: 1, name: 'Ada', role: 'author' });
    expect((await people.updateOne({ _id: 1 }, { $set: { _id: 1 } })).modifiedCount).toBe(0);
  });

  it('refuses to change _id with ImmutableField (66) and unknown modifiers with FailedToParse (9)', async () => {
    await expect(people.updateOne({ _id: 1 }, { $set: { _id: 5 } })).rejects.toMatchObject({ code: 66 });
    await expect(people.replaceOne({ _id: 1 }, { _id: 5, name: 'x' } as Person)).rejects.toMatchObject({
      code: 66,
    });
    await expect(
      fixture.client.db('crud').command({ update: 'people', updates: [{ q: {}, u: { $frob: { a: 1 } } }] }),
    ).resolves.toMatchObject({ writeErrors: [{ code: 9 }] });
  });
});

describe('delete', () => {
  it('deletes one or all matches', async () => {
    expect((await people.deleteOne({ tags: 'math' })).deletedCount).toBe(1);
    expect((await people.deleteMany({})).deletedCount).toBe(2);
    await expect(
      fixture.client.db('crud').command({ delete: 'people', deletes: [{ q: {}, limit: 5 }] }),
    ).resolves.toMatchObject({ writeErrors: [{ code: 2 }] });
  });
});

describe('findAndModify', () => {
  it('returns the document before or after, honours sort, fields and upsert', async () => {
    const before = await people.findOneAndUpdate(
      {},
      { $inc: { age: 1 } },
      { sort: { age: 1 }, includeResultMetadata: true },
    );
    expect(before.value?.name).toBe('Ada');
    expect(before.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    const after = await people.findOneAndUpdate(
      { _id: 1 },
      { $inc: { age: 1 } },
      { returnDocument: 'after', projection: { age: 1 } },
    );
    expect(after).toEqual({ _id: 1, age: 38 });
    const upserted = await people.findOneAndUpdate(
      { name: 'New' },
      { $set: { age: 1 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(upserted.value).toMatchObject({ name: 'New', age: 1 });
    expect(upserted.lastErrorObject?.upserted).toBeDefined();
    const removed = await people.findOneAndDelete({ name: 'Alan' });
    expect(removed?.name).toBe('Alan');
    expect(await people.findOneAndDelete({ name: 'Nobody' })).toBeNull();
  });
});

describe('count, distinct and aggregate', () => {
  it('counts and lists distinct values', async () => {
    expect(await people.countDocuments({ age: { $gte: 40 } })).toBe(2);
    expect(await people.estimatedDocumentCount()).toBe(3);
    expect(await people.distinct('tags')).toEqual(['code', 'math', 'navy']);
  });

  it('runs pipelines with $group, $sort and cross-collection $lookup', async () => {
    const db = fixture.client.db('crud');
    await db.collection<LooseDoc>('pledges').deleteMany({});
    await db.collection<LooseDoc>('pledges').insertMany([
      { who: 1, what: 'a' },
      { who: 1, what: 'b' },
      { who: 2, what: 'c' },
    ]);
    const grouped = await people
      .aggregate([
        { $unwind: '$tags' },
        { $group: { _id: '$tags', n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
      ])
      .toArray();
    expect(grouped[0]).toEqual({ _id: 'code', n: 2 });
    const joined = await people
      .aggregate([
        { $match: { _id: { $in: [1, 2] } } },
        { $lookup: { from: 'pledges', localField: '_id', foreignField: 'who', as: 'pledges' } },
        { $project: { name: 1, n: { $size: '$pledges' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 1, name: 'Ada', n: 2 },
      { _id: 2, name: 'Grace', n: 1 },
    ]);
    expect((await people.findOne({ _id: 1 }))?.pledges).toBeUndefined();
  });

  it('writes $out results', async () => {
    await people.aggregate([{ $match: { age: { $lt: 50 } } }, { $out: 'young' }]).toArray();
    expect(await fixture.client.db('crud').collection<LooseDoc>('young').countDocuments()).toBe(2);
  });

  it('fails loudly for $text and geo queries', async () => {
    await expect(people.find({ $text: { $search: 'x' } }).toArray()).rejects.toMatchObject({ code: 238 });
    await expect(people.find({ loc: { $near: [0, 0] } }).toArray()).rejects.toMatchObject({ code: 238 });
  });
});
