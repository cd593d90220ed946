import { closeFixture, openFixture, type EngineFixture } from './fixture';

interface Counter {
  _id: number | string;
  balance?: number;
  n?: number;
}

let fixture: EngineFixture;
beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(() => closeFixture(fixture));

describe('multi-document transactions through the driver', () => {
  it('commits all writes at once and hides them from others until then', async () => {
    const accounts = fixture.client.db('tx').collection<Counter>('accounts');
    await accounts.insertMany([
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 0 },
    ]);
    const session = fixture.client.startSession();
    session.startTransaction();
    await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -30 } }, { session });
    await accounts.updateOne({ _id: 'b' }, { $inc: { balance: 30 } }, { session });
    expect((await accounts.findOne({ _id: 'b' }))?.balance).toBe(0);
    expect((await accounts.findOne({ _id: 'b' }, { session }))?.balance).toBe(30);
    await session.commitTransaction();
    await session.endSession();
    expect((await accounts.find({}).sort({ _id: 1 }).toArray()).map((d) => d.balance)).toEqual([70, 30]);
  });

  it('discards writes on abort', async () => {
    const c = fixture.client.db('tx').collection('aborted');
    const session = fixture.client.startSession();
    session.startTransaction();
    await c.insertOne({ x: 1 }, { session });
    await session.abortTransaction();
    await session.endSession();
    expect(await c.countDocuments()).toBe(0);
  });

  it('labels a write conflict TransientTransactionError', async () => {
    const c = fixture.client.db('tx').collection<Counter>('conflict');
    await c.insertOne({ _id: 1, n: 0 });
    const session = fixture.client.startSession();
    session.startTransaction();
    await c.findOne({ _id: 1 }, { session });
    await c.updateOne({ _id: 1 }, { $inc: { n: 1 } });
    const error = await c
      .updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session })
      .then(() => session.commitTransaction())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    expect(
      (error as { hasErrorLabel(label: string): boolean }).hasErrorLabel('TransientTransactionError'),
    ).toBe(true);
    if (session.inTransaction()) await session.abortTransaction();
    await session.endSession();
    expect((await c.findOne({ _id: 1 }))?.n).toBe(1);
  });

  it('retries a conflicting transaction through withTransaction', async () => {
    const c = fixture.client.db('tx').collection<Counter>('counter');
    await c.insertOne({ _id: 1, n: 0 });
    const session = fixture.client.startSession();
    let attempts = 0;
    await session.withTransaction(async () => {
      attempts++;
      await c.findOne({ _id: 1 }, { session });
      if (attempts === 1) await c.updateOne({ _id: 1 }, { $inc: { n: 10 } });
      await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session });
    });
    await session.endSession();
    expect(attempts).toBe(2);
    expect((await c.findOne({ _id: 1 }))?.n).toBe(11);
  });

  it('makes a plain write wait for the open transaction holding its document', async () => {
    const c = fixture.client.db('tx').collection<Counter>('waiting');
    await c.insertOne({ _id: 1, n: 0 });
    const session = fixture.client.startSession();
    session.startTransaction();
    await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session });
    const plain = c.updateOne({ _id: 1 }, { $inc: { n: 10 } });
    await session.commitTransaction();
    await session.endSession();
    expect((await plain).modifiedCount).toBe(1);
    expect((await c.findOne({ _id: 1 }))?.n).toBe(11);
  });

  it('aborts the open transaction when the session ends', async () => {
    const c = fixture.client.db('tx').collection('ended');
    const session = fixture.client.startSession();
    session.startTransaction();
    await c.insertOne({ x: 1 }, { session });
    await session.endSession();
    expect(await c.countDocuments()).toBe(0);
  });
});
