import type { MongoClient } from 'mongodb';
import { connect, killEngine, startEngineProcess, useEngineSandbox } from './engine-process';
import {
  DB,
  emptyWriteLog,
  runPeopleWriter,
  runTransferWriter,
  type Account,
  type Counter,
  type Person,
  type Transfer,
  type WriteLog,
} from './workload';

const sandbox = useEngineSandbox();
const PEOPLE_WRITERS = 3;

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!condition()) return;
      clearInterval(timer);
      resolve();
    }, 10);
  });
}

async function expectPeopleMatchTheLog(client: MongoClient, log: WriteLog): Promise<void> {
  const stored = await client.db(DB).collection<Person>('people').find().toArray();
  const storedIds = new Set(stored.map((doc) => doc._id));
  for (const doc of stored) expect(doc).toEqual(log.sentPeople.get(doc._id));
  for (const id of log.ackedPeople) expect(storedIds.has(id)).toBe(true);
  for (let writer = 0; writer < PEOPLE_WRITERS; writer += 1) {
    const seqs = stored.filter((doc) => doc.writer === writer).map((doc) => doc.seq);
    seqs.sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
  }
}

async function expectCountersMatchTheLog(client: MongoClient, log: WriteLog): Promise<void> {
  const counters = await client.db(DB).collection<Counter>('counters').find().toArray();
  expect(counters).toHaveLength(PEOPLE_WRITERS);
  for (const counter of counters) {
    const writer = Number(counter._id.slice(1));
    expect(counter.last).toBeGreaterThanOrEqual(log.ackedCounter.get(writer) ?? 0);
    expect(counter.last).toBeLessThanOrEqual(log.sentCounter.get(writer) ?? 0);
    expect(counter.n).toBe(counter.last);
  }
}

async function expectTransfersAllOrNothing(client: MongoClient, log: WriteLog): Promise<void> {
  const legs = await client.db(DB).collection<Transfer>('transfers').find().toArray();
  const byBatch = new Map<number, string[]>();
  for (const leg of legs) byBatch.set(leg.batch, [...(byBatch.get(leg.batch) ?? []), leg.leg]);
  for (const [batch, kinds] of byBatch) {
    expect(log.sentBatches.has(batch)).toBe(true);
    expect(kinds.sort()).toEqual(['credit', 'debit']);
  }
  for (const batch of log.ackedBatches) expect(byBatch.has(batch)).toBe(true);
  const accounts = await client.db(DB).collection<Account>('accounts').find().sort({ _id: 1 }).toArray();
  expect(accounts).toEqual([
    { _id: 'source', balance: -byBatch.size },
    { _id: 'target', balance: byBatch.size },
  ]);
}

async function expectUniqueIndexEnforced(client: MongoClient, log: WriteLog): Promise<void> {
  const people = client.db(DB).collection<Person>('people');
  const indexes = await people.listIndexes().toArray();
  expect(indexes).toContainEqual(expect.objectContaining({ name: 'email_1', unique: true }));
  const [ackedId] = log.ackedPeople;
  const existing = ackedId === undefined ? undefined : log.sentPeople.get(ackedId);
  if (!existing) throw new Error('no acknowledged person to duplicate');
  const duplicate = { ...existing, _id: 'duplicate', seq: -1 };
  await expect(people.insertOne(duplicate)).rejects.toMatchObject({ code: 11000 });
  await people.insertOne({ ...duplicate, email: 'fresh@example.org' });
}

describe('SIGKILL of the engine process while clients write', () => {
  it('keeps every acknowledged write, invents nothing, and keeps transactions and indexes whole', async () => {
    const first = sandbox.track(await startEngineProcess(sandbox.dir()));
    const writerClient = await connect(first.uri);
    await writerClient.db(DB).collection('people').createIndex({ email: 1 }, { unique: true });

    const log = emptyWriteLog();
    let killed = false;
    const keepGoing = (): boolean => !killed;
    const writers = [
      ...Array.from({ length: PEOPLE_WRITERS }, (_, writer) =>
        runPeopleWriter(writerClient, writer, log, keepGoing),
      ),
      runTransferWriter(writerClient, log, keepGoing),
    ];
    const failedEarly = Promise.race(writers).then(() => {
      throw new Error('a writer stopped before the kill');
    });
    await Promise.race([
      until(() => log.ackedPeople.size >= 300 && log.ackedBatches.size >= 10),
      failedEarly,
    ]);
    await killEngine(first);
    killed = true;
    // Writes in flight at the kill fail; which ones is a matter of timing, so the checks allow both outcomes.
    await Promise.allSettled(writers);
    await writerClient.close();

    const restarted = sandbox.track(await startEngineProcess(sandbox.dir()));
    const reader = await connect(restarted.uri);
    try {
      await expectPeopleMatchTheLog(reader, log);
      await expectCountersMatchTheLog(reader, log);
      await expectTransfersAllOrNothing(reader, log);
      await expectUniqueIndexEnforced(reader, log);
    } finally {
      await reader.close();
    }
  });
});
