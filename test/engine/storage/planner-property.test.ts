import type { Document } from 'bson';
import { Query } from 'mingo';
import { compareBson } from '../../../src/engine/bson-order';
import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20261123);
const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
const scalar = (): unknown =>
  pick([() => Math.floor(next() * 6), () => pick(['a', 'ab', 'abb', 'b', 'c']), () => null, () => 2.5])();

function makeDoc(id: number): Document {
  const doc: Document = { _id: id };
  if (next() < 0.9) doc.a = next() < 0.15 ? [scalar(), scalar()] : scalar();
  if (next() < 0.8) doc.b = scalar();
  if (next() < 0.5) doc.c = new Date(Date.UTC(2024, 0, 1 + Math.floor(next() * 5)));
  return doc;
}

function makeCondition(): unknown {
  return pick([
    () => scalar(),
    () => ({ $in: [scalar(), scalar()] }),
    () => ({ $gt: Math.floor(next() * 5) }),
    () => ({ $gte: 1, $lte: Math.floor(next() * 5) }),
    () => ({ $lt: pick(['b', 3]) }),
    () => pick([/^a/, /^b/i, /^c?/, /^ab*/, { $regex: '^b', $options: '' }]),
  ])();
}

function makeFilter(): Document {
  const filter: Document = {};
  if (next() < 0.8) filter.a = makeCondition();
  if (next() < 0.5) filter.b = makeCondition();
  if (next() < 0.2) filter.c = { $gte: new Date(Date.UTC(2024, 0, 3)) };
  return next() < 0.2 ? { $and: [filter] } : filter;
}

const sortKey = (doc: Document, field: string): unknown => doc[field] ?? null;

let storage: Storage;
const ns = 'prop.docs';
const docs = Array.from({ length: 300 }, (_, i) => makeDoc(i));

beforeAll(async () => {
  storage = await openStorage({});
  const txn = storage.begin();
  txn.createIndexes(ns, [
    { name: 'a_1', key: { a: 1 } },
    { name: 'a_1_b_-1', key: { a: 1, b: -1 } },
    { name: 'b_1_c_1', key: { b: 1, c: 1 } },
    { name: 'c_-1', key: { c: -1 }, sparse: true },
  ]);
  for (const doc of docs) txn.insert(ns, doc);
  await txn.commit();
});

afterAll(async () => {
  await storage.close();
});

describe('planner candidates against a full scan', () => {
  for (let round = 0; round < 200; round++) {
    const filter = makeFilter();
    const sort = pick([undefined, { b: -1 }, { b: 1, c: 1 }, { c: -1 }, { _id: -1 }]) as
      Record<string, 1 | -1> | undefined;
    it(`round ${round}: ${JSON.stringify(filter)} sort ${JSON.stringify(sort)}`, () => {
      const query = new Query(filter, {});
      const expected = docs.filter((d) => query.test(d)).map((d) => d._id as number);
      const result = storage.read().scan(ns, { filter, sort });
      const candidates = [...result.docs];
      const ids = candidates.map((d) => d._id as number);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(expected));
      if (sort && result.plan.sortCovered) {
        const matching = candidates.filter((d) => query.test(d));
        for (let i = 1; i < matching.length; i++) {
          const order = Object.entries(sort).reduce(
            (acc, [field, dir]) =>
              acc || compareBson(sortKey(matching[i - 1], field), sortKey(matching[i], field)) * dir,
            0,
          );
          expect(order).toBeLessThanOrEqual(0);
        }
      }
    });
  }
});
