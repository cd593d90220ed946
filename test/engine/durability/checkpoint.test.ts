import { existsSync } from 'node:fs';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import { connect, killEngine, startEngineProcess, useEngineSandbox } from './engine-process';

interface Blob {
  _id: string;
  writer: number;
  seq: number;
  data: string;
}

const sandbox = useEngineSandbox();
const WRITERS = 4;
/** The engine snapshots once its journal passes 64 MiB; documents of 1 MiB get there in 64 writes. */
const BLOB_BYTES = 1024 * 1024;

function blobId(writer: number, seq: number): string {
  return `w${writer}-${String(seq).padStart(4, '0')}`;
}

/** An id is 7 characters (under 10 writers), so 8 per repeat: exactly 1 MiB of data. */
function blob(writer: number, seq: number): Blob {
  const _id = blobId(writer, seq);
  return { _id, writer, seq, data: `${_id};`.repeat(BLOB_BYTES / 8) };
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!condition()) return;
      clearInterval(timer);
      resolve();
    }, 10);
  });
}

async function writeBlobs(
  client: MongoClient,
  writer: number,
  sent: Set<string>,
  acked: Set<string>,
  keepGoing: () => boolean,
): Promise<void> {
  const blobs = client.db('durability').collection<Blob>('blobs');
  for (let seq = 1; keepGoing(); seq += 1) {
    const doc = blob(writer, seq);
    sent.add(doc._id);
    await blobs.insertOne(doc);
    acked.add(doc._id);
  }
}

describe('checkpoint while clients write (engine command line)', () => {
  it('keeps every acknowledged write when killed after a snapshot taken under load', async () => {
    const snapshotPath = path.join(sandbox.dir(), 'snapshot.bson');
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    const client = await connect(first.uri);
    const sent = new Set<string>();
    const acked = new Set<string>();
    let killed = false;
    const writers = Array.from({ length: WRITERS }, (_, writer) =>
      writeBlobs(client, writer, sent, acked, () => !killed),
    );
    const failedEarly = Promise.race(writers).then(() => {
      throw new Error('a writer stopped before the kill');
    });
    await Promise.race([until(() => existsSync(snapshotPath)), failedEarly]);
    const ackedAtSnapshot = acked.size;
    await Promise.race([until(() => acked.size >= ackedAtSnapshot + 8), failedEarly]);
    await killEngine(first);
    killed = true;
    await Promise.allSettled(writers);
    await client.close();

    const restarted = sandbox.track(await startEngineProcess(sandbox.dir()));
    const reader = await connect(restarted.uri);
    try {
      const blobs = reader.db('durability').collection<Blob>('blobs');
      const ids = (await blobs.find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
      for (const id of ids) expect(sent.has(id)).toBe(true);
      for (const id of acked) expect(ids).toContain(id);
      for (const id of ids) {
        const stored = await blobs.findOne({ _id: id });
        const [, writer = '', seq = ''] = /^w(\d+)-(\d+)$/.exec(id) ?? [];
        expect(stored?.data === blob(Number(writer), Number(seq)).data).toBe(true);
      }
    } finally {
      await reader.close();
    }
  });
});
