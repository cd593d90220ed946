import { Long } from 'mongodb';
import { closeFixture, openFixture, type EngineFixture } from './fixture';

let fixture: EngineFixture;
beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(() => closeFixture(fixture));

describe('handshake and server commands through the driver', () => {
  it('answers hello with the limits the drivers need', async () => {
    const reply = await fixture.client.db('admin').command({ hello: 1 });
    expect(reply).toMatchObject({
      isWritablePrimary: true,
      helloOk: true,
      minWireVersion: 0,
      maxWireVersion: 21,
      logicalSessionTimeoutMinutes: 30,
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: 48000000,
      maxWriteBatchSize: 100000,
      ok: 1,
    });
    expect(reply.localTime).toBeInstanceOf(Date);
    expect(typeof reply.connectionId).toBe('number');
    const legacy = await fixture.client.db('admin').command({ isMaster: 1 });
    expect(legacy.ismaster).toBe(true);
  });

  it('answers ping, buildInfo, serverStatus and getParameter', async () => {
    const admin = fixture.client.db('admin');
    expect(await admin.command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect((await admin.command({ buildInfo: 1 })).version).toBe('7.0.0');
    const status = await admin.command({ serverStatus: 1 });
    expect(status.ok).toBe(1);
    expect(typeof status.uptime).toBe('number');
    const fcv = await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(fcv.featureCompatibilityVersion).toEqual({ version: '7.0' });
  });

  it('rejects an unknown command with CommandNotFound (59)', async () => {
    await expect(fixture.client.db('x').command({ frobnicate: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
    });
  });

  it('accepts envelope fields such as $readPreference and comment', async () => {
    const reply = await fixture.client
      .db('admin')
      .command({ ping: 1, comment: 'hi', $readPreference: { mode: 'primaryPreferred' } });
    expect(reply.ok).toBe(1);
  });

  it('lists databases and answers cursor ids as int64', async () => {
    await fixture.client.db('listed').collection('c').insertOne({ a: 1 });
    const { databases } = await fixture.client.db('admin').admin().listDatabases();
    expect(databases.map((db) => db.name)).toContain('listed');
    const reply = await fixture.client.db('listed').command({ find: 'c' }, { promoteLongs: false });
    const cursorId: unknown = reply.cursor.id;
    expect(cursorId).toEqual(Long.ZERO);
  });
});
