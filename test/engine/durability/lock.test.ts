import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  connect,
  killEngine,
  runEngineUntilExit,
  startEngineProcess,
  useEngineSandbox,
} from './engine-process';

interface Item {
  _id: number;
  name: string;
}

const sandbox = useEngineSandbox();

describe('one engine per data directory (engine command line)', () => {
  it('refuses a second engine on the same directory while the first keeps serving', async () => {
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    const client = await connect(first.uri);
    try {
      await client.db('app').collection<Item>('items').insertOne({ _id: 1, name: 'first' });

      const second = await runEngineUntilExit(sandbox.dir());
      expect(second.code).not.toBe(0);
      expect(second.code).not.toBeNull();
      expect(second.output).toContain(`already in use by process ${String(first.child.pid)}`);
      expect(second.output).toMatch(/engine failed to start/);
      // The refused engine must leave the first one's lock in place, or a third engine would get in.
      const lock: unknown = JSON.parse(await readFile(path.join(sandbox.dir(), 'engine.lock'), 'utf8'));
      expect(lock).toMatchObject({ pid: first.child.pid });

      await client.db('app').collection<Item>('items').insertOne({ _id: 2, name: 'after refusal' });
      const names = await client.db('app').collection<Item>('items').find().sort({ _id: 1 }).toArray();
      expect(names.map((doc) => doc.name)).toEqual(['first', 'after refusal']);
    } finally {
      await client.close();
    }
  });

  it('lets a new engine take over the lock left by a SIGKILLed one, with its data', async () => {
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    const client = await connect(first.uri);
    await client.db('app').collection<Item>('items').insertOne({ _id: 1, name: 'before the kill' });
    await killEngine(first);
    await client.close();

    const next = sandbox.track(await startEngineProcess(sandbox.dir()));
    const reader = await connect(next.uri);
    try {
      expect(await reader.db('app').collection<Item>('items').find().toArray()).toEqual([
        { _id: 1, name: 'before the kill' },
      ]);
    } finally {
      await reader.close();
    }
  });
});
