import { Decimal128, Int32, Long } from 'bson';
import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';
import type { IndexSpec } from '../../../src/engine/storage/types';
import { caught, scanIds } from './helpers';

let storage: Storage;
const ns = 'app.orgs';

beforeAll(async () => {
  storage = await openStorage({});
  const txn = storage.begin();
  const specs: IndexSpec[] = [
    { name: 'country_1_joined_-1', key: { country: 1, joined: -1 } },
    { name: 'score_1', key: { score: 1 } },
    { name: 'slug_1', key: { slug: 1 }, unique: true },
    { name: 'tags_1', key: { tags: 1 } },
    { name: 'nick_1', key: { nick: 1 }, sparse: true },
  ];
  txn.createIndexes(ns, specs);
  for (let i = 0; i < 100; i++) {
    txn.insert(ns, {
      _id: i,
      slug: `org-${i}`,
      country: ['FR', 'DE', 'US', 'JP'][i % 4],
      joined: new Date(Date.UTC(2020, 0, 1 + i)),
      score: i % 10,
      tags: [`t${i % 3}`, 'all'],
      ...(i % 2 === 0 ? { nick: `n${i}` } : {}),
    });
  }
  await txn.commit();
});

afterAll(async () => {
  await storage.close();
});

describe('planner (https://www.mongodb.com/docs/manual/core/query-plans/)', () => {
  it('uses IDHACK for an _id equality', () => {
    const result = storage.read().scan(ns, { filter: { _id: 42 } });
    expect([...result.docs].map((d) => d._id)).toEqual([42]);
    expect(result.plan).toMatchObject({
      stage: 'IDHACK',
      indexName: '_id_',
      keysExamined: 1,
      docsExamined: 1,
    });
  });

  it('uses a unique index for equality and examines one key', () => {
    const result = storage.read().scan(ns, { filter: { slug: 'org-7', country: 'US' } });
    expect([...result.docs].map((d) => d._id)).toEqual([7]);
    expect(result.plan).toMatchObject({ stage: 'IXSCAN', indexName: 'slug_1', docsExamined: 1 });
  });

  it('uses the equality prefix of a compound index and serves the sort in index order', () => {
    const result = storage.read().scan(ns, { filter: { country: 'FR' }, sort: { joined: -1 } });
    const ids = [...result.docs].map((d) => d._id);
    expect(result.plan).toMatchObject({
      stage: 'IXSCAN',
      indexName: 'country_1_joined_-1',
      sortCovered: true,
    });
    expect(ids.slice(0, 3)).toEqual([96, 92, 88]);
    expect(ids).toHaveLength(25);
  });

  it('walks the index backwards for the opposite sort', () => {
    const result = storage.read().scan(ns, { filter: { country: 'FR' }, sort: { joined: 1 } });
    expect([...result.docs].map((d) => d._id).slice(0, 2)).toEqual([0, 4]);
    expect(result.plan.sortCovered).toBe(true);
  });

  it('stops early: a limit reads only the keys it needs', () => {
    const result = storage.read().scan(ns, { filter: { country: 'DE' }, sort: { joined: -1 } });
    const iterator = result.docs[Symbol.iterator]();
    iterator.next();
    iterator.next();
    expect(result.plan.keysExamined).toBe(2);
  });

  it('uses ranges on the leading key, bounds combined, within the value type', () => {
    const result = storage.read().scan(ns, { filter: { score: { $gte: 3, $lt: 5 } } });
    expect([...result.docs].every((d) => d.score === 3 || d.score === 4)).toBe(true);
    expect(result.plan).toMatchObject({ indexName: 'score_1', docsExamined: 20 });
  });

  it('uses $in and ranges inside a top-level $and', () => {
    const result = storage.read().scan(ns, { filter: { $and: [{ score: { $in: [1, 2] } }, { x: 1 }] } });
    expect([...result.docs]).toHaveLength(20);
    expect(result.plan.indexName).toBe('score_1');
  });

  it('reports an uncovered sort when the index order does not match', () => {
    const result = storage.read().scan(ns, { filter: { score: 1 }, sort: { slug: 1 } });
    expect(result.plan).toMatchObject({ indexName: 'score_1', sortCovered: false });
  });

  it('scans an index in order for a sort without a usable filter', () => {
    const result = storage.read().scan(ns, { filter: { name: 'x' }, sort: { slug: -1 } });
    expect(result.plan).toMatchObject({ stage: 'IXSCAN', indexName: 'slug_1', sortCovered: true });
    expect([...result.docs][0]._id).toBe(99);
  });

  it('never serves a sort from a sparse or multikey index', () => {
    expect(storage.read().scan(ns, { filter: {}, sort: { nick: 1 } }).plan.stage).toBe('COLLSCAN');
    expect(storage.read().scan(ns, { filter: { tags: 'all' }, sort: { tags: 1 } }).plan.sortCovered).toBe(
      false,
    );
  });

  it('does not use a sparse index for a null equality', () => {
    expect(storage.read().scan(ns, { filter: { nick: null } }).plan.stage).toBe('COLLSCAN');
    expect(storage.read().scan(ns, { filter: { nick: 'n2' } }).plan.indexName).toBe('nick_1');
  });

  it('deduplicates multikey matches', () => {
    const ids = scanIds(storage.read(), ns, { filter: { tags: { $in: ['t0', 'all'] } } });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(100);
  });

  it('falls back to COLLSCAN for filters no index serves', () => {
    const result = storage.read().scan(ns, { filter: { slug: /org-1/ } });
    expect(result.plan.stage).toBe('COLLSCAN');
    expect([...result.docs]).toHaveLength(100);
    expect(result.plan.docsExamined).toBe(100);
  });

  it('serves an _id sort from the _id index', () => {
    const result = storage.read().scan(ns, { filter: {}, sort: { _id: -1 } });
    expect(result.plan).toMatchObject({ indexName: '_id_', sortCovered: true });
    expect([...result.docs][0]._id).toBe(99);
  });

  it('follows a hint by name or key pattern, and refuses an unknown one', () => {
    expect(storage.read().scan(ns, { filter: { slug: 'org-1' }, hint: 'score_1' }).plan.indexName).toBe(
      'score_1',
    );
    expect(storage.read().scan(ns, { filter: {}, hint: { country: 1, joined: -1 } }).plan.indexName).toBe(
      'country_1_joined_-1',
    );
    expect(storage.read().scan(ns, { filter: { _id: 1 }, hint: { $natural: 1 } } as never).plan.stage).toBe(
      'COLLSCAN',
    );
    expect(caught(() => storage.read().scan(ns, { filter: {}, hint: 'nope' })).code).toBe(2);
  });

  it('turns an anchored case-sensitive regex into a range on the index', () => {
    const result = storage.read().scan(ns, { filter: { slug: /^org-1/ } });
    const ids = [...result.docs].map((d) => d._id);
    expect(result.plan).toMatchObject({ stage: 'IXSCAN', indexName: 'slug_1' });
    expect(ids.sort((a, b) => Number(a) - Number(b))).toEqual([1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(
      storage.read().scan(ns, { filter: { slug: { $regex: '^org-2', $options: '' } } }).plan.indexName,
    ).toBe('slug_1');
    expect(storage.read().scan(ns, { filter: { slug: /^org-1/i } }).plan.stage).toBe('COLLSCAN');
    expect(storage.read().scan(ns, { filter: { slug: /^org|x/ } }).plan.stage).toBe('COLLSCAN');
    expect(scanIds(storage.read(), ns, { filter: { slug: /^org-99?$/ } })).toContain(9);
  });

  it('yields nothing for an empty $in', () => {
    expect(scanIds(storage.read(), ns, { filter: { slug: { $in: [] } } })).toEqual([]);
  });

  it('finds numerically equal values of other numeric types through an index', async () => {
    const txn = storage.begin();
    txn.createIndexes('app.numbers', [{ name: 'n_1', key: { n: 1 } }]);
    txn.insert('app.numbers', { _id: 1, n: Long.fromString('9007199254740993') });
    txn.insert('app.numbers', { _id: 2, n: Decimal128.fromString('5.0') });
    txn.insert('app.numbers', { _id: 3, n: 5 });
    await txn.commit();
    const view = storage.read();
    expect(scanIds(view, 'app.numbers', { filter: { n: new Int32(5) } })).toEqual([2, 3]);
    expect(
      scanIds(view, 'app.numbers', { filter: { n: Decimal128.fromString('9007199254740993') } }),
    ).toEqual([1]);
    expect(scanIds(view, 'app.numbers', { filter: { n: { $gt: 9007199254740992 } } })).toEqual([1]);
  });

  it('answers an unknown collection with no documents', () => {
    expect(scanIds(storage.read(), 'app.none', { filter: {} })).toEqual([]);
  });
});

describe('choosing between a selective index and one in sort order', () => {
  let big: Storage;
  const feed = 'app.feed';

  beforeAll(async () => {
    big = await openStorage({});
    const txn = big.begin();
    txn.createIndexes(feed, [
      { name: 'status_1', key: { status: 1 } },
      { name: 'createdAt_-1', key: { createdAt: -1 } },
    ]);
    for (let i = 0; i < 1500; i++) {
      txn.insert(feed, { _id: i, status: i % 150 === 0 ? 'rare' : 'common', createdAt: new Date(i * 1000) });
    }
    await txn.commit();
  });

  afterAll(async () => {
    await big.close();
  });

  it('keeps the filter index when it matches few documents', () => {
    const plan = big.read().scan(feed, { filter: { status: 'rare' }, sort: { createdAt: -1 } }).plan;
    expect(plan).toMatchObject({ indexName: 'status_1', sortCovered: false });
  });

  it('walks the sort index when the filter index matches many documents', () => {
    const result = big.read().scan(feed, { filter: { status: 'common' }, sort: { createdAt: -1 } });
    expect(result.plan).toMatchObject({ indexName: 'createdAt_-1', sortCovered: true });
    expect([...result.docs][0]._id).toBe(1499);
  });
});
