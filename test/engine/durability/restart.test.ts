import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import {
  killEngine,
  startEngineProcess,
  stopEngine,
  useEngineSandbox,
  withClient,
  type EngineProcess,
} from './engine-process';

interface Member {
  _id: number;
  email: string;
  role: string;
  /** Large enough that a few members push the journal past the closing-checkpoint size (4 MiB). */
  bio: string;
}

const sandbox = useEngineSandbox();
const MiB = 1024 * 1024;

function members(client: MongoClient) {
  return client.db('durability').collection<Member>('members');
}

function member(id: number, bioBytes = 16): Member {
  return { _id: id, email: `member${id}@example.org`, role: 'reader', bio: `${id}`.padEnd(bioBytes, '.') };
}

/** Inserts members 1..count, promotes member 2, deletes member 3, behind a unique index on email. */
async function writeMembers(engine: EngineProcess, count: number, bioBytes: number): Promise<void> {
  await withClient(engine, async (client) => {
    await members(client).createIndex({ email: 1 }, { unique: true });
    for (let id = 1; id <= count; id += 1) await members(client).insertOne(member(id, bioBytes));
    await members(client).updateOne({ _id: 2 }, { $set: { role: 'editor' } });
    await members(client).deleteOne({ _id: 3 });
  });
}

function expectedMembers(ids: number[], bioBytes: number): Member[] {
  return ids
    .filter((id) => id !== 3)
    .map((id) => ({ ...member(id, bioBytes), ...(id === 2 ? { role: 'editor' } : {}) }));
}

async function expectStored(engine: EngineProcess, expected: Member[]): Promise<void> {
  await withClient(engine, async (client) => {
    expect(await members(client).find().sort({ _id: 1 }).toArray()).toEqual(expected);
    await expect(members(client).insertOne({ ...member(1), _id: 999 })).rejects.toMatchObject({
      code: 11000,
    });
  });
}

async function journalFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('journal-')).sort();
}

describe('restart of the engine command line on its data directory', () => {
  it('keeps inserts, updates, deletes and unique indexes across a clean stop', async () => {
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    await writeMembers(first, 10, 16);
    expect(await stopEngine(first)).toBe(0);
    expect(existsSync(path.join(sandbox.dir(), 'engine.lock'))).toBe(false);

    const restarted = sandbox.track(await startEngineProcess(sandbox.dir()));
    await expectStored(restarted, expectedMembers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 16));
  });

  it('restores a checkpoint taken at stop, then the snapshot plus the later journal after a SIGKILL', async () => {
    const bioBytes = MiB;
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    await writeMembers(first, 6, bioBytes);
    expect(await stopEngine(first)).toBe(0);
    expect(existsSync(path.join(sandbox.dir(), 'snapshot.bson'))).toBe(true);
    expect(await journalFiles(sandbox.dir())).not.toContain('journal-00000001.log');

    const second = sandbox.track(await startEngineProcess(sandbox.dir()));
    await expectStored(second, expectedMembers([1, 2, 4, 5, 6], bioBytes));
    await withClient(second, async (client) => {
      await members(client).insertOne(member(7, bioBytes));
      await members(client).updateOne({ _id: 4 }, { $set: { role: 'editor' } });
    });
    await killEngine(second);

    const third = sandbox.track(await startEngineProcess(sandbox.dir()));
    const expected = expectedMembers([1, 2, 4, 5, 6, 7], bioBytes).map((doc) =>
      doc._id === 4 ? { ...doc, role: 'editor' } : doc,
    );
    await expectStored(third, expected);
  });
});
