import { open, readdir, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import {
  connect,
  startEngineProcess,
  stopEngine,
  useEngineSandbox,
  type EngineProcess,
} from './engine-process';

interface Note {
  _id: number;
  text: string;
}

const sandbox = useEngineSandbox();

function notes(client: MongoClient) {
  return client.db('durability').collection<Note>('notes');
}

function note(id: number): Note {
  return { _id: id, text: `note number ${id}` };
}

/** Writes notes one by one, so the last one is the last record of the journal, then stops cleanly. */
async function writeNotesAndStop(engine: EngineProcess, ids: number[]): Promise<void> {
  const client = await connect(engine.uri);
  try {
    for (const id of ids) await notes(client).insertOne(note(id));
  } finally {
    await client.close();
  }
  expect(await stopEngine(engine)).toBe(0);
}

/** The journal file new appends went to: the highest numbered `journal-NNNNNNNN.log`. */
async function lastJournalFile(dir: string): Promise<string> {
  const journals = (await readdir(dir)).filter((name) => /^journal-\d{8}\.log$/.test(name)).sort();
  const last = journals.at(-1);
  if (!last) throw new Error(`no journal file in the data directory: ${(await readdir(dir)).join(', ')}`);
  return path.join(dir, last);
}

async function storedNotes(engine: EngineProcess): Promise<Note[]> {
  const client = await connect(engine.uri);
  try {
    return await notes(client).find().sort({ _id: 1 }).toArray();
  } finally {
    await client.close();
  }
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('damaged journal tail at start-up (engine command line)', () => {
  it('cuts a torn last record, reports it, keeps every earlier write, and appends after it', async () => {
    await writeNotesAndStop(sandbox.track(await startEngineProcess(sandbox.dir())), range(1, 40));
    const journal = await lastJournalFile(sandbox.dir());
    await truncate(journal, (await stat(journal)).size - 3);

    const recovered = sandbox.track(await startEngineProcess(sandbox.dir()));
    expect(recovered.output()).toMatch(
      /persistence: Journal in .* was damaged \(journal-\d{8}\.log: .*\): cut \d+ bytes/,
    );
    expect(await storedNotes(recovered)).toEqual(range(1, 39).map(note));

    await writeNotesAndStop(recovered, [41]);
    const again = sandbox.track(await startEngineProcess(sandbox.dir()));
    expect(again.output()).not.toMatch(/damaged/);
    expect(await storedNotes(again)).toEqual([...range(1, 39), 41].map(note));
  });

  it('drops a last record whose checksum no longer matches, and keeps the ones before', async () => {
    await writeNotesAndStop(sandbox.track(await startEngineProcess(sandbox.dir())), range(1, 20));
    const journal = await lastJournalFile(sandbox.dir());
    const handle = await open(journal, 'r+');
    try {
      // A byte inside the last record's BSON body (its trailing NUL is the very last byte).
      const position = (await handle.stat()).size - 4;
      const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, position);
      await handle.write(Buffer.from([(buffer[0] ?? 0) ^ 0xff]), 0, 1, position);
      await handle.sync();
    } finally {
      await handle.close();
    }

    const recovered = sandbox.track(await startEngineProcess(sandbox.dir()));
    expect(recovered.output()).toMatch(/persistence: Journal in .* was damaged/);
    expect(await storedNotes(recovered)).toEqual(range(1, 19).map(note));
  });
});
