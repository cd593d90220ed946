import { readdir, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import { killEngine, startEngineProcess, useEngineSandbox, withClient } from './engine-process';

interface Page {
  _id: string;
  batch: string;
  text: string;
}

const sandbox = useEngineSandbox();
/** 24 pages of 1 MiB: one commit larger than a BSON document, so the journal splits it into parts. */
const PAGES = 24;

function page(batch: string, index: number): Page {
  const _id = `${batch}-${String(index).padStart(2, '0')}`;
  return { _id, batch, text: `${_id};`.padEnd(1024 * 1024, '~') };
}

function pagesOf(client: MongoClient) {
  return client.db('durability').collection<Page>('pages');
}

/** Commits all pages of `batch` in one multi-document transaction. */
async function commitBatch(client: MongoClient, batch: string): Promise<void> {
  const session = client.startSession();
  try {
    session.startTransaction();
    for (let index = 0; index < PAGES; index += 1) {
      await pagesOf(client).insertOne(page(batch, index), { session });
    }
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
}

/** Per batch, how many pages are stored and whether each one has exactly the text sent. */
async function storedBatches(client: MongoClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const stored of pagesOf(client).find()) {
    const index = Number(stored._id.slice(stored.batch.length + 1));
    expect(stored.text === page(stored.batch, index).text).toBe(true);
    counts[stored.batch] = (counts[stored.batch] ?? 0) + 1;
  }
  return counts;
}

describe('commits larger than one journal record (engine command line)', () => {
  it('recovers a 24 MiB transaction after SIGKILL, and drops it whole when its tail is torn', async () => {
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    await withClient(first, async (client) => {
      await commitBatch(client, 'early');
      await commitBatch(client, 'late');
    });
    await killEngine(first);

    const second = sandbox.track(await startEngineProcess(sandbox.dir()));
    expect(second.output()).not.toMatch(/damaged/);
    expect(await withClient(second, storedBatches)).toEqual({ early: PAGES, late: PAGES });
    await killEngine(second);

    // Cut into the last part of the last commit: the whole 'late' transaction must go, not some pages.
    const journals = (await readdir(sandbox.dir())).filter((name) => name.startsWith('journal-')).sort();
    const journal = path.join(sandbox.dir(), journals.at(-1) ?? 'missing journal');
    await truncate(journal, (await stat(journal)).size - 1000);
    const third = sandbox.track(await startEngineProcess(sandbox.dir()));
    expect(third.output()).toMatch(/persistence: Journal in .* was damaged/);
    expect(await withClient(third, storedBatches)).toEqual({ early: PAGES });
  });
});
