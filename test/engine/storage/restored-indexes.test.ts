import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import { caught, insertAll, scanIds } from './helpers';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'restored-indexes-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function reopen(checkpointBytes?: number): Promise<Storage> {
  return openStorage({ persistence: await openDirectoryPersistence(dir), checkpointBytes });
}

const NS = 'app.orgs';
const padding = 'p'.repeat(200);

/** A collection with unique, multikey and plain indexes, read back from a snapshot (no journal replay). */
async function restored(): Promise<Storage> {
  const first = await reopen(1024);
  const setup = first.begin();
  setup.createIndexes(NS, [
    { name: 'slug_1', key: { slug: 1 }, unique: true },
    { name: 'tags_1', key: { tags: 1 } },
    { name: 'n_-1', key: { n: -1 } },
  ]);
  await setup.commit();
  // Inserted out of slug and n order, so a bulk build must sort them.
  const docs = [5, 2, 8, 1, 9, 3, 7, 4, 6].map((n) => ({
    _id: n,
    slug: `org-${(n * 7) % 10}`,
    n: (n * 5) % 9,
    tags: n % 2 === 0 ? ['even', `t${n}`] : ['odd'],
    padding,
  }));
  for (const doc of docs) await insertAll(first, NS, [doc]);
  await first.close();
  const second = await reopen();
  expect(second.recovery).toMatchObject({ entriesReplayed: 0 });
  expect(second.recovery?.snapshotSeq).toBeGreaterThan(0);
  return second;
}

describe('indexes read back from a snapshot', () => {
  it('answer queries and sorts as the indexes they were', async () => {
    const storage = await restored();
    const view = storage.read();
    const bySlug = view.scan(NS, { filter: { slug: 'org-3' } });
    expect(bySlug.plan.indexName).toBe('slug_1');
    expect([...bySlug.docs].map((doc) => doc._id)).toEqual([9]);
    expect(scanIds(view, NS, { filter: { tags: 'even' } })).toEqual([2, 4, 6, 8]);
    const sorted = view.scan(NS, { filter: {}, sort: { n: -1 } });
    expect(sorted.plan).toMatchObject({ indexName: 'n_-1', sortCovered: true });
    expect([...sorted.docs].map((doc) => doc.n)).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    // tags_1 is multikey, which the planner learns only by building it: it must not serve a sort.
    expect(view.scan(NS, { filter: {}, sort: { tags: 1 } }).plan.sortCovered).toBe(false);
    await storage.close();
  });

  it('still refuse a duplicate of a unique key', async () => {
    const storage = await restored();
    const error = caught(() => storage.begin().insert(NS, { _id: 10, slug: 'org-3' }));
    expect(error.code).toBe(11000);
    await storage.close();
  });

  it('reflect writes made before their first use', async () => {
    const storage = await restored();
    const change = storage.begin();
    change.replace(NS, { _id: 2 }, { slug: 'org-4', n: 20, tags: ['changed'] });
    change.remove(NS, { _id: 4 });
    change.insert(NS, { _id: 11, slug: 'org-new', n: 30, tags: ['even'] });
    await change.commit();
    const view = storage.read();
    expect(scanIds(view, NS, { filter: { tags: 'changed' } })).toEqual([2]);
    expect(scanIds(view, NS, { filter: { tags: 'even' } })).toEqual([6, 8, 11]);
    expect(scanIds(view, NS, { filter: {}, sort: { n: -1 } }).slice(0, 3)).toEqual([11, 2, 7]);
    expect(scanIds(view, NS, { filter: { slug: 'org-new' } })).toEqual([11]);
    await storage.close();
  });
});
