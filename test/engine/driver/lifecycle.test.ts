import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { startEngine } from '../../../src/engine/index';
import { closeFixture, openFixture } from './fixture';

describe('cursor and session lifetimes', () => {
  it('expires idle cursors after the configured timeout', async () => {
    const fixture = await openFixture({ cursorTimeoutMs: 100 });
    try {
      const db = fixture.client.db('life');
      await db.collection('c').insertMany(Array.from({ length: 10 }, (_, i) => ({ i })));
      const first = await db.command({ find: 'c', batchSize: 2 });
      await sleep(400);
      await expect(db.command({ getMore: first.cursor.id, collection: 'c' })).rejects.toMatchObject({
        code: 43,
      });
    } finally {
      await closeFixture(fixture);
    }
  });

  it('aborts the transaction of an expired session', async () => {
    const engine = await startEngine({ sessionTimeoutMs: 100 });
    const client = await new MongoClient(engine.uri).connect();
    try {
      const c = client.db('life').collection('expired');
      const session = client.startSession();
      session.startTransaction();
      await c.insertOne({ x: 1 }, { session });
      await sleep(400);
      await expect(session.commitTransaction()).rejects.toMatchObject({ code: 251 });
      expect(await c.countDocuments()).toBe(0);
      await session.endSession();
    } finally {
      await client.close();
      await engine.stop();
    }
  });
});

describe('reply size bounds', () => {
  it('splits a cursor batch so each reply stays under 16 MiB', async () => {
    const fixture = await openFixture();
    try {
      const db = fixture.client.db('big');
      const payload = 'x'.repeat(1_000_000);
      for (let i = 0; i < 20; i++) await db.collection('c').insertOne({ i, payload });
      const first = await db.command({ find: 'c', batchSize: 1000 });
      expect(first.cursor.firstBatch).toHaveLength(16);
      const more = await db.command({ getMore: first.cursor.id, collection: 'c' });
      expect(more.cursor.nextBatch).toHaveLength(4);
      expect(await db.collection('c').find({}).toArray()).toHaveLength(20);
    } finally {
      await closeFixture(fixture);
    }
  });
});

describe('data directory', () => {
  it('keeps acknowledged writes across a restart and refuses a second engine on the directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'engine-data-'));
    const first = await startEngine({ dataDir: dir });
    try {
      const client = await new MongoClient(first.uri).connect();
      try {
        await client
          .db('d')
          .collection('c')
          .insertMany([{ k: 1 }, { k: 2 }]);
        await client.db('d').collection('c').createIndex({ k: 1 }, { unique: true });
        await expect(startEngine({ dataDir: dir })).rejects.toThrow();
      } finally {
        await client.close();
      }
    } finally {
      await first.stop();
    }
    const second = await startEngine({ dataDir: dir });
    try {
      const again = await new MongoClient(second.uri).connect();
      try {
        expect(await again.db('d').collection('c').countDocuments()).toBe(2);
        const indexes = await again.db('d').collection('c').listIndexes().toArray();
        expect(indexes.map((i) => i.name)).toEqual(['_id_', 'k_1']);
      } finally {
        await again.close();
      }
    } finally {
      await second.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
