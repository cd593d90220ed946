import { types } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import mongoose from 'mongoose';
import { DirectoryReadModel } from '../../src/features/directory/readModel';
import {
  readSavedSnapshot,
  saveSnapshot,
  SAVED_ENTRIES_COLLECTION,
} from '../../src/features/directory/savedEntries';
import { loadDirectoryEntries } from '../../src/features/directory/snapshot';
import { Organisation } from '../../src/models/organisation';
import { bumpRegistryVersion } from '../../src/models/registryVersion';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

/** A read model as a server builds it, counting how often it reads the organisations themselves. */
function serverReadModel() {
  const reads = { organisations: 0 };
  const model = new DirectoryReadModel({
    checkIntervalMs: 0,
    serveStaleWhileRebuilding: false,
    saved: { read: readSavedSnapshot, save: saveSnapshot },
    loadEntries: () => {
      reads.organisations += 1;
      return loadDirectoryEntries();
    },
  });
  return { model, reads };
}

const savedParts = () => mongoose.connection.collection(SAVED_ENTRIES_COLLECTION);

describe('directory entries saved at shutdown for the next start', () => {
  it('the next start reads the saved entries instead of the organisations and builds the same copy', async () => {
    const stopped = serverReadModel();
    const before = await stopped.model.current();
    expect(stopped.reads.organisations).toBe(1);
    await stopped.model.save();

    const started = serverReadModel();
    const after = await started.model.current();
    expect(started.reads.organisations).toBe(0);
    expect(after.token).toBe(before.token);
    expect(after.everyone.entries).toEqual(before.everyone.entries);
    expect(after.entries.map((entry) => entry.slug)).toEqual(before.entries.map((entry) => entry.slug));
    expect(after.orders).toEqual(before.orders);
    expect(after.ranks).toEqual(before.ranks);
    expect(after.postings).toEqual(before.postings);
    expect(after.facetCounts).toEqual(before.facetCounts);
  });

  it('are not used once the registry changed, even by a write that only moved the version', async () => {
    const stopped = serverReadModel();
    await stopped.model.current();
    await stopped.model.save();
    await Organisation.updateOne({ slug: 'universite-de-geneve' }, { $set: { sector: 'company' } });
    await bumpRegistryVersion();

    const started = serverReadModel();
    const copy = await started.model.current();
    expect(started.reads.organisations).toBe(1);
    expect(copy.bySlug.get('universite-de-geneve')?.sector).toBe('company');
  });

  it('are brought up to the registry version before saving, so a write after the last read is not lost', async () => {
    const stopped = new DirectoryReadModel({
      checkIntervalMs: 60_000,
      serveStaleWhileRebuilding: true,
      saved: { read: readSavedSnapshot, save: saveSnapshot },
    });
    const served = await stopped.current();
    await Organisation.updateOne({ slug: 'universite-de-geneve' }, { $set: { sector: 'government' } });
    await bumpRegistryVersion();
    // Still within its check interval, the server would serve the older copy; the save reads the change.
    expect((await stopped.current()).token).toBe(served.token);
    await stopped.save();

    const started = serverReadModel();
    const copy = await started.model.current();
    expect(started.reads.organisations).toBe(0);
    expect(copy.token).not.toBe(served.token);
    expect(copy.bySlug.get('universite-de-geneve')?.sector).toBe('government');
  });

  it('are refused when cut short, or when the version counters moved without the version changing', async () => {
    const stopped = serverReadModel();
    await stopped.model.current();
    await stopped.model.save();
    await savedParts().updateOne({ _id: 0 as never }, { $inc: { parts: 1 } });
    const afterCut = serverReadModel();
    await afterCut.model.current();
    expect(afterCut.reads.organisations).toBe(1);

    await afterCut.model.save();
    // A database reset and refilled up to the same version and count still has counters moved at other times.
    await mongoose.connection.collection('registry_versions').updateMany({}, { $set: { updatedAt: new Date() } });
    const afterReset = serverReadModel();
    await afterReset.model.current();
    expect(afterReset.reads.organisations).toBe(1);
  });

  it('bring the sort orders and postings of both copies, and are refused when those do not fit the entries', async () => {
    await Organisation.updateOne({ slug: 'universite-de-geneve' }, { $set: { 'status.state': 'withdrawn' } });
    await bumpRegistryVersion();
    const stopped = serverReadModel();
    const before = await stopped.model.current();
    expect(before.everyone).not.toBe(before);
    await stopped.model.save();

    const [part] = await savedParts().find({}).toArray();
    const copy = deserialize(Buffer.from(part?.bytes.buffer)) as {
      entries: unknown[];
      everyone: { name: Int32Array; positions: Int32Array };
      active: { name: Int32Array } | null;
    };
    expect(types.isInt32Array(copy.everyone.name)).toBe(true);
    expect(copy.everyone.name).toHaveLength(before.everyone.entries.length);
    expect(copy.active?.name).toHaveLength(before.entries.length);

    const started = serverReadModel();
    const after = await started.model.current();
    expect(started.reads.organisations).toBe(0);
    for (const [restored, built] of [
      [after, before],
      [after.everyone, before.everyone],
    ] as const) {
      expect(restored.entries.map((entry) => entry.slug)).toEqual(built.entries.map((entry) => entry.slug));
      expect(restored.orders).toEqual(built.orders);
      expect(restored.ranks).toEqual(built.ranks);
      expect(restored.postings).toEqual(built.postings);
      expect(restored.facetCounts).toEqual(built.facetCounts);
    }

    // A saved order one entry short (or a posting past the end) is not trusted: the organisations are read.
    copy.everyone.name = copy.everyone.name.subarray(1);
    await savedParts().updateOne({ _id: 0 as never }, { $set: { bytes: serialize(copy) } });
    const afterMismatch = serverReadModel();
    const rebuilt = await afterMismatch.model.current();
    expect(afterMismatch.reads.organisations).toBe(1);
    expect(rebuilt.everyone.orders).toEqual(before.everyone.orders);
  });
});
