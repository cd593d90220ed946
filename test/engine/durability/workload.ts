import type { MongoClient } from 'mongodb';

export const DB = 'durability';

export interface Person {
  _id: string;
  writer: number;
  seq: number;
  email: string;
  payload: string;
}

export interface Counter {
  _id: string;
  last: number;
  n: number;
}

export interface Account {
  _id: 'source' | 'target';
  balance: number;
}

export interface Transfer {
  _id: string;
  batch: number;
  leg: 'debit' | 'credit';
}

/** What the writers sent and what the engine acknowledged, to compare with the recovered state. */
export interface WriteLog {
  sentPeople: Map<string, Person>;
  ackedPeople: Set<string>;
  /** Per writer: highest counter update sent and highest acknowledged. */
  sentCounter: Map<number, number>;
  ackedCounter: Map<number, number>;
  sentBatches: Set<number>;
  ackedBatches: Set<number>;
}

export function emptyWriteLog(): WriteLog {
  return {
    sentPeople: new Map(),
    ackedPeople: new Set(),
    sentCounter: new Map(),
    ackedCounter: new Map(),
    sentBatches: new Set(),
    ackedBatches: new Set(),
  };
}

export function person(writer: number, seq: number): Person {
  const _id = `w${writer}-${String(seq).padStart(5, '0')}`;
  return { _id, writer, seq, email: `${_id}@example.org`, payload: `payload of ${_id} `.repeat(4) };
}

/** Inserts people with increasing seqs, each followed by an update of the writer's counter. */
export async function runPeopleWriter(
  client: MongoClient,
  writer: number,
  log: WriteLog,
  keepGoing: () => boolean,
): Promise<void> {
  const people = client.db(DB).collection<Person>('people');
  const counters = client.db(DB).collection<Counter>('counters');
  for (let seq = 1; keepGoing(); seq += 1) {
    const doc = person(writer, seq);
    log.sentPeople.set(doc._id, doc);
    await people.insertOne({ ...doc });
    log.ackedPeople.add(doc._id);
    log.sentCounter.set(writer, seq);
    await counters.updateOne(
      { _id: `w${writer}` },
      { $set: { last: seq }, $inc: { n: 1 } },
      { upsert: true },
    );
    log.ackedCounter.set(writer, seq);
  }
}

/**
 * Commits transactions that each insert a debit and a credit leg and move 1 between two accounts:
 * all four writes must survive or none, so the balances always equal the number of transfers stored.
 */
export async function runTransferWriter(
  client: MongoClient,
  log: WriteLog,
  keepGoing: () => boolean,
): Promise<void> {
  const transfers = client.db(DB).collection<Transfer>('transfers');
  const accounts = client.db(DB).collection<Account>('accounts');
  await accounts.insertMany([
    { _id: 'source', balance: 0 },
    { _id: 'target', balance: 0 },
  ]);
  for (let batch = 1; keepGoing(); batch += 1) {
    const session = client.startSession();
    try {
      log.sentBatches.add(batch);
      // Not withTransaction: its retry loop would keep trying for two minutes once the engine is gone.
      session.startTransaction();
      await transfers.insertOne({ _id: `t${batch}-debit`, batch, leg: 'debit' }, { session });
      await transfers.insertOne({ _id: `t${batch}-credit`, batch, leg: 'credit' }, { session });
      await accounts.updateOne({ _id: 'source' }, { $inc: { balance: -1 } }, { session });
      await accounts.updateOne({ _id: 'target' }, { $inc: { balance: 1 } }, { session });
      await session.commitTransaction();
      log.ackedBatches.add(batch);
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }
}
