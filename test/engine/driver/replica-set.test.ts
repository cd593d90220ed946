import { MongoClient, Timestamp } from 'mongodb';
import { startEngine, type RunningEngine } from '../../../src/engine/index';

let engine: RunningEngine;
let client: MongoClient;

/** Connects and reports the topology type the driver settled on. */
async function connectAndDescribe(target: MongoClient): Promise<() => string> {
  let type = 'Unknown';
  target.on('topologyDescriptionChanged', (event) => (type = event.newDescription.type));
  await target.connect();
  return () => type;
}

let topologyType: () => string;
beforeAll(async () => {
  engine = await startEngine({ port: 0 });
  client = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 5000 });
  topologyType = await connectAndDescribe(client);
});
afterAll(async () => {
  await client.close();
  await engine.stop();
});

describe('the engine as a one-member replica set', () => {
  it('prints a replica-set URI whose only host is the reachable loopback address', () => {
    expect(engine.uri).toBe(`mongodb://127.0.0.1:${engine.port}/?replicaSet=rs0`);
    expect(engine.directUri).toBe(`mongodb://127.0.0.1:${engine.port}/?directConnection=true`);
  });

  it('answers hello as the primary of rs0', async () => {
    const me = `127.0.0.1:${engine.port}`;
    const reply = await client.db('admin').command({ hello: 1 });
    expect(reply).toMatchObject({ setName: 'rs0', hosts: [me], primary: me, me, isWritablePrimary: true });
    expect(reply.setVersion).toBe(1);
    expect(reply.electionId.toHexString()).toBe('7fffffff0000000000000001');
    expect(reply.topologyVersion.processId).toBeDefined();
  });

  it('is discovered as a replica set with a primary, and also serves a direct connection', async () => {
    expect(topologyType()).toBe('ReplicaSetWithPrimary');
    const direct = new MongoClient(engine.directUri, { serverSelectionTimeoutMS: 5000 });
    try {
      const directType = await connectAndDescribe(direct);
      await direct
        .db('d')
        .collection('c')
        .insertOne({ _id: 1 } as never);
      expect(directType()).toBe('Single');
      expect(await client.db('d').collection('c').countDocuments()).toBe(1);
    } finally {
      await direct.close();
    }
  });

  it('puts a growing operationTime and $clusterTime on replies', async () => {
    const db = client.db('clock');
    const first = await db.command({ insert: 'c', documents: [{ a: 1 }] });
    const second = await db.command({ insert: 'c', documents: [{ a: 2 }] });
    expect(first.operationTime).toBeInstanceOf(Timestamp);
    expect(second.operationTime.compare(first.operationTime)).toBe(1);
    expect(second.$clusterTime.clusterTime).toEqual(second.operationTime);
    const failed = await db.command({ find: 'c', readConcern: { level: 'bogus' } }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ codeName: 'FailedToParse' });
  });

  it('reads a snapshot at a cluster time and refuses snapshot writes', async () => {
    const db = client.db('snap');
    await db.collection('c').insertOne({ _id: 1, v: 'old' } as never);
    const read = await db.command({ find: 'c', readConcern: { level: 'snapshot' } });
    const at: Timestamp = read.cursor.atClusterTime;
    expect(at).toBeInstanceOf(Timestamp);
    await db.collection('c').updateOne({ _id: 1 } as never, { $set: { v: 'new' } });
    const again = await db.command({ find: 'c', readConcern: { level: 'snapshot', atClusterTime: at } });
    expect(again.cursor.firstBatch).toEqual([{ _id: 1, v: 'old' }]);
    const latest = await db.command({ find: 'c', readConcern: { afterClusterTime: at } });
    expect(latest.cursor.firstBatch).toEqual([{ _id: 1, v: 'new' }]);
    await expect(
      db.command({ insert: 'c', documents: [{}], readConcern: { level: 'snapshot' } }),
    ).rejects.toMatchObject({ codeName: 'InvalidOptions' });
  });

  it('runs transactions through the replica-set URI with causal consistency', async () => {
    const coll = client.db('txn').collection<{ _id: number }>('c');
    await coll.insertOne({ _id: 0 });
    const session = client.startSession({ causalConsistency: true });
    try {
      await session.withTransaction(async () => {
        await coll.insertOne({ _id: 1 }, { session });
        await coll.insertOne({ _id: 2 }, { session });
      });
      expect(session.operationTime).toBeInstanceOf(Timestamp);
      expect(await coll.countDocuments({}, { session })).toBe(3);
    } finally {
      await session.endSession();
    }
  });
});
