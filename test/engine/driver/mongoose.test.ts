import mongoose, { Schema, type Connection } from 'mongoose';
import { startEngine, type RunningEngine } from '../../../src/engine/index';

let engine: RunningEngine;
let connection: Connection;

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: String,
    visits: { type: Number, default: 0 },
  },
  { timestamps: true },
);
const postSchema = new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' } });

beforeAll(async () => {
  engine = await startEngine();
  connection = await mongoose.createConnection(engine.uri, { dbName: 'mg' }).asPromise();
});
afterAll(async () => {
  await connection?.close();
  await engine?.stop();
});

function models() {
  const User = connection.models.User ?? connection.model('User', userSchema);
  const Post = connection.models.Post ?? connection.model('Post', postSchema);
  return { User, Post };
}

describe('Mongoose over the engine', () => {
  it('enforces a unique index with E11000 carrying keyPattern and keyValue', async () => {
    const { User } = models();
    await User.init();
    await User.create({ email: 'ada@example.org', name: 'Ada' });
    const error = await User.create({ email: 'ada@example.org', name: 'Other' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'ada@example.org' },
    });
  });

  it('maintains timestamps, including on upsert through $setOnInsert', async () => {
    const { User } = models();
    const user = await User.create({ email: 'ts@example.org' });
    expect(user.get('createdAt')).toBeInstanceOf(Date);
    const created = user.get('createdAt') as Date;
    await User.updateOne({ _id: user._id }, { $inc: { visits: 1 } });
    const reloaded = await User.findById(user._id).lean();
    expect(reloaded?.visits).toBe(1);
    expect(reloaded?.createdAt).toEqual(created);
    await User.findOneAndUpdate({ email: 'new@example.org' }, { name: 'New' }, { upsert: true });
    const upserted = await User.findOne({ email: 'new@example.org' }).lean();
    expect(upserted?.createdAt).toBeInstanceOf(Date);
    expect(upserted?.updatedAt).toBeInstanceOf(Date);
  });

  it('populates references across collections', async () => {
    const { User, Post } = models();
    const author = await User.create({ email: 'author@example.org', name: 'Author' });
    await Post.create({ title: 'Hello', author: author._id });
    const post = await Post.findOne({ title: 'Hello' }).populate('author').lean();
    expect((post?.author as unknown as { name: string }).name).toBe('Author');
    expect(await User.countDocuments({ email: /example\.org$/ })).toBeGreaterThanOrEqual(3);
  });

  it('commits and rolls back with connection.transaction', async () => {
    const { User } = models();
    await connection.transaction(async (session) => {
      await User.create([{ email: 'tx1@example.org' }], { session });
      await User.updateOne({ email: 'author@example.org' }, { name: 'Renamed' }, { session });
    });
    expect(await User.exists({ email: 'tx1@example.org' })).toBeTruthy();
    expect((await User.findOne({ email: 'author@example.org' }).lean())?.name).toBe('Renamed');
    await expect(
      connection.transaction(async (session) => {
        await User.create([{ email: 'tx2@example.org' }], { session });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await User.exists({ email: 'tx2@example.org' })).toBeNull();
  });

  it('runs lean queries with sort, select and pagination', async () => {
    const { User } = models();
    const page = await User.find({}).sort({ email: 1 }).select('email -_id').skip(1).limit(2).lean();
    expect(page).toHaveLength(2);
    expect(Object.keys(page[0])).toEqual(['email']);
  });
});
