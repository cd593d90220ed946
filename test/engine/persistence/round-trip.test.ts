import {
  Binary,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  serialize,
  Timestamp,
  UUID,
} from 'bson';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import type { JournalEntry, Persistence } from '../../../src/engine/persistence/types';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

async function openRecovered(dir: string): Promise<Persistence> {
  const persistence = await openDirectoryPersistence(dir);
  await persistence.recover();
  return persistence;
}

const richDocument = {
  _id: new ObjectId('64b7f0c2a1b2c3d4e5f60718'),
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
  smallLong: Long.fromNumber(42),
  bigLong: Long.fromString('9007199254740993'),
  price: Decimal128.fromString('1234.5678901234567890'),
  int: new Int32(7),
  double: new Double(2.5),
  plainNumber: 3.25,
  text: 'héllo wörld',
  flag: true,
  nothing: null,
  nested: { list: [1, 'two', { three: [new ObjectId('64b7f0c2a1b2c3d4e5f60719')] }] },
  bytes: new Binary(Buffer.from([0, 1, 2, 255])),
  uuid: new UUID('0e2e6b0c-6c1a-4c1e-9e5d-6f7b2c8f9a10'),
  pattern: new BSONRegExp('^acc', 'i'),
  stamp: new Timestamp({ t: 1700000000, i: 3 }),
  low: new MinKey(),
  high: new MaxKey(),
};

const allOps: JournalEntry[] = [
  {
    seq: 1,
    ops: [{ op: 'createCollection', ns: 'app.orgs', options: { validator: { name: { $type: 'string' } } } }],
  },
  { seq: 2, ops: [{ op: 'put', ns: 'app.orgs', doc: richDocument }] },
  {
    seq: 3,
    ops: [
      {
        op: 'createIndex',
        ns: 'app.orgs',
        spec: {
          name: 'slug_1',
          key: { slug: 1 },
          unique: true,
          partialFilterExpression: { slug: { $exists: true } },
        },
      },
      { op: 'delete', ns: 'app.orgs', id: new ObjectId('64b7f0c2a1b2c3d4e5f60718') },
      { op: 'delete', ns: 'app.orgs', id: Long.fromNumber(5) },
    ],
  },
  { seq: 4, ops: [{ op: 'renameCollection', from: 'app.orgs', to: 'app.organisations' }] },
  { seq: 5, ops: [{ op: 'dropIndex', ns: 'app.organisations', name: 'slug_1' }] },
  { seq: 6, ops: [{ op: 'dropCollection', ns: 'app.organisations' }] },
  { seq: 7, ops: [{ op: 'dropDatabase', db: 'app' }] },
];

test('every op kind and BSON type survives append, close and recover with the same BSON bytes', async () => {
  const first = await openRecovered(tempDir());
  for (const entry of allOps) await first.append(entry);
  expect(first.journalSize()).toBeGreaterThan(0);
  await first.close();

  const second = await openDirectoryPersistence(tempDir());
  const recovered = await second.recover();
  await second.close();

  expect(recovered.report).toEqual({ snapshotSeq: 0, entriesReplayed: allOps.length, truncatedBytes: 0 });
  expect(recovered.collections).toEqual([]);
  expect(recovered.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  for (const [index, entry] of recovered.entries.entries()) {
    expect(Buffer.from(serialize(entry))).toEqual(Buffer.from(serialize(allOps[index]!)));
  }
  const put = recovered.entries[1]!.ops[0]!;
  expect(put.op === 'put' && put.doc.bigLong).toBeInstanceOf(Long);
  expect(put.op === 'put' && put.doc.smallLong).toBeInstanceOf(Long);
  expect(put.op === 'put' && put.doc.price).toBeInstanceOf(Decimal128);
  expect(put.op === 'put' && put.doc.createdAt).toEqual(richDocument.createdAt);
});

test('concurrent appends all resolve and are recovered in call order', async () => {
  const persistence = await openRecovered(tempDir());
  const entries = Array.from({ length: 200 }, (_, index) => ({
    seq: index + 1,
    ops: [{ op: 'put' as const, ns: 'app.c', doc: { _id: index + 1 } }],
  }));
  await Promise.all(entries.map((entry) => persistence.append(entry)));
  await persistence.close();

  const reopened = await openDirectoryPersistence(tempDir());
  const { entries: recovered } = await reopened.recover();
  await reopened.close();
  expect(recovered).toEqual(entries);
});

test('a commit larger than one BSON document is split and recovered whole', async () => {
  const persistence = await openRecovered(tempDir());
  const payload = 'x'.repeat(1024 * 1024);
  const ops = Array.from({ length: 20 }, (_, index) => ({
    op: 'put' as const,
    ns: 'app.big',
    doc: { _id: index, payload },
  }));
  await persistence.append({ seq: 1, ops });
  await persistence.append({ seq: 2, ops: [{ op: 'delete', ns: 'app.big', id: 0 }] });
  await persistence.close();

  const reopened = await openDirectoryPersistence(tempDir());
  const { entries, report } = await reopened.recover();
  await reopened.close();
  expect(report.truncatedBytes).toBe(0);
  expect(entries.map((entry) => entry.ops.length)).toEqual([20, 1]);
  expect(entries[0]!.ops).toEqual(ops);
});

test('append refuses a seq that does not increase, and anything before recover or after close', async () => {
  const persistence = await openDirectoryPersistence(tempDir());
  await expect(persistence.append({ seq: 1, ops: [] })).rejects.toThrow(/recover\(\) has not completed/);
  await persistence.recover();
  await persistence.append({ seq: 5, ops: [] });
  await expect(persistence.append({ seq: 5, ops: [] })).rejects.toThrow(/seq must increase: got 5 after 5/);
  await expect(persistence.recover()).rejects.toThrow(/only be called once/);
  await persistence.close();
  await expect(persistence.append({ seq: 6, ops: [] })).rejects.toThrow(/it is closed/);
});
