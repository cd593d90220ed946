/**
 * The benchmark's data set and operations, through Mongoose: a collection of member-like documents with a
 * unique index on `email` and a compound index on `{ country, name }`.
 */
import { Schema, Types, type Connection } from 'mongoose';
import type { Operation } from './db-measure';

const COUNTRIES = (
  'FR DE GB US CA JP KR IN BR MX ES IT NL BE CH AT SE NO DK FI PL CZ PT IE LU EE LV LT RO BG ' +
  'GR HU SK SI HR RS UA MD GE AM AU NZ SG MY TH ID PH VN ZA NG KE MA TN EG IL TR AE SA QA AR CL CO'
).split(' ');
const WORDS = 'cyber secure trust alliance digital network global open civic data shield labs'.split(' ');

const memberSchema = new Schema(
  {
    email: { type: String, required: true },
    name: { type: String, required: true },
    country: { type: String, required: true },
    score: { type: Number, required: true },
    joinedAt: { type: Date, required: true },
    description: { type: String },
  },
  { versionKey: false },
);
memberSchema.index({ email: 1 }, { unique: true });
memberSchema.index({ country: 1, name: 1 });

/** A deterministic pseudo-random sequence (mulberry32) so every run loads the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function emailOf(index: number): string {
  return `member${index}@org${index % 997}.example`;
}

export interface Workload {
  size: number;
  model: ReturnType<typeof modelFor>;
  ids: Types.ObjectId[];
}

function modelFor(connection: Connection) {
  return connection.model('Member', memberSchema, 'members');
}

/** Creates the model and its indexes on an empty database, then inserts `size` documents in batches. */
export async function loadWorkload(
  connection: Connection,
  size: number,
  batchSize: number,
): Promise<{ workload: Workload; insertSeconds: number }> {
  const model = modelFor(connection);
  await model.createCollection();
  await model.createIndexes();
  const random = seededRandom(size);
  const word = (): string => WORDS[Math.floor(random() * WORDS.length)];
  const ids: Types.ObjectId[] = [];
  const started = performance.now();
  for (let start = 0; start < size; start += batchSize) {
    const batch = [];
    for (let i = start; i < Math.min(size, start + batchSize); i++) {
      const _id = new Types.ObjectId();
      ids.push(_id);
      batch.push({
        _id,
        email: emailOf(i),
        name: `${word()} ${word()} ${Math.floor(random() * 1e6)}`,
        country: COUNTRIES[Math.floor(random() * COUNTRIES.length)],
        score: Math.floor(random() * 1000),
        joinedAt: new Date(Date.UTC(2018, 0, 1) + Math.floor(random() * 8 * 365 * 86_400_000)),
        description: `Member ${i} of the registry, committed to ${word()} ${word()} practices.`,
      });
    }
    await model.insertMany(batch, { ordered: true });
  }
  return { workload: { size, model, ids }, insertSeconds: (performance.now() - started) / 1000 };
}

export interface BenchOperation {
  name: string;
  run: Operation;
  /** The same query sent once through the driver's explain, to show the plan; absent for non-queries. */
  explain?: () => Promise<unknown>;
  /** Writes are also measured against a data directory; reads only in memory. */
  writes: boolean;
}

/** Spreads iteration numbers over the data set with a fixed stride so consecutive operations differ. */
function pick(iteration: number, size: number): number {
  return (iteration * 7919) % size;
}

export function operations(connection: Connection, workload: Workload): BenchOperation[] {
  const { model, ids, size } = workload;
  const db = connection.db;
  if (!db) throw new Error('connection is not open');
  const members = db.collection('members');
  const country = (i: number): string => COUNTRIES[i % COUNTRIES.length];
  const scoreFloor = (i: number): number => 850 + (i % 100);
  return [
    { name: 'ping (floor)', writes: true, run: () => db.command({ ping: 1 }) },
    {
      name: 'findOne by unique email',
      writes: false,
      run: (i) => model.findOne({ email: emailOf(pick(i, size)) }).lean(),
      explain: () =>
        members
          .find({ email: emailOf(1) })
          .limit(1)
          .explain('executionStats'),
    },
    {
      name: 'findOne by email (driver)',
      writes: false,
      run: (i) => members.findOne({ email: emailOf(pick(i, size)) }),
    },
    {
      name: 'country eq + sort name, limit 20',
      writes: false,
      run: (i) =>
        model
          .find({ country: country(i) })
          .sort({ name: 1 })
          .limit(20)
          .lean(),
      explain: () => members.find({ country: 'FR' }).sort({ name: 1 }).limit(20).explain('executionStats'),
    },
    {
      name: 'country eq + sort name (driver)',
      writes: false,
      run: (i) =>
        members
          .find({ country: country(i) })
          .sort({ name: 1 })
          .limit(20)
          .toArray(),
    },
    {
      name: 'full scan: score>=x sort joinedAt, limit 50',
      writes: false,
      run: (i) =>
        model
          .find({ score: { $gte: scoreFloor(i) } })
          .sort({ joinedAt: -1 })
          .limit(50)
          .lean(),
      explain: () =>
        members
          .find({ score: { $gte: 900 } })
          .sort({ joinedAt: -1 })
          .limit(50)
          .explain('executionStats'),
    },
    {
      name: 'updateOne by _id',
      writes: true,
      run: (i) => model.updateOne({ _id: ids[pick(i, size)] }, { $set: { score: i % 1000 } }),
      explain: () => members.find({ _id: ids[0] }).explain('executionStats'),
    },
  ];
}
