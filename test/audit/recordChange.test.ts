import { systemActor } from '../../src/audit/actor';
import { AuditEvent } from '../../src/models/auditEvent';
import { Organisation } from '../../src/models/organisation';
import { registryVersionNumber } from '../../src/models/registryVersion';
import { JOBS_COLLECTION } from '../../src/jobs/jobQueue';
import { mongoose, startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.stop());

const version = registryVersionNumber;
const jobs = () => mongoose.connection.collection(JOBS_COLLECTION).countDocuments();
const actor = { ...systemActor('test'), requestId: 'req-42', ip: '127.0.0.9' };

describe('recordChange, the one audited write path', () => {
  it('commits the change, exactly one audit event with actor and request id, one version bump and its jobs', async () => {
    const organisation = await makeOrganisation({ name: 'Audited Org' });
    const [versionBefore, jobsBefore] = [await version(), await jobs()];
    await testApp.services.recordChange(actor, 'organisation.updated', async (tx) => {
      await Organisation.updateOne({ _id: organisation._id }, { $set: { description: 'New text' } }, { session: tx.session });
      tx.enqueue('mail.send', { to: 'a@example.test', language: 'en', template: 'password-changed', params: { at: 'now' } });
      return { subject: { kind: 'organisation', id: String(organisation._id) }, organisation: organisation._id, before: { description: '' }, after: { description: 'New text' }, result: null };
    });
    expect((await Organisation.findById(organisation._id).lean())?.description).toBe('New text');
    const events = await AuditEvent.find({ organisation: organisation._id }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'organisation.updated',
      actor: { kind: 'system', label: 'system:test' },
      requestId: 'req-42',
      ip: '127.0.0.9',
      before: { description: '' },
      after: { description: 'New text' },
    });
    expect(await version()).toBe(versionBefore + 1);
    expect(await jobs()).toBe(jobsBefore + 1);
  });

  it('writes nothing at all when the change fails midway: no change, no event, no bump, no job', async () => {
    const organisation = await makeOrganisation({ name: 'Failing Org' });
    const [versionBefore, jobsBefore, eventsBefore] = [await version(), await jobs(), await AuditEvent.countDocuments()];
    await expect(
      testApp.services.recordChange(actor, 'organisation.updated', async (tx) => {
        await Organisation.updateOne({ _id: organisation._id }, { $set: { description: 'Half done' } }, { session: tx.session });
        tx.enqueue('mail.send', { to: 'a@example.test', language: 'en', template: 'password-changed', params: { at: 'now' } });
        throw new Error('injected failure');
      }),
    ).rejects.toThrow('injected failure');
    expect((await Organisation.findById(organisation._id).lean())?.description).toBe('');
    expect(await AuditEvent.countDocuments()).toBe(eventsBefore);
    expect(await version()).toBe(versionBefore);
    expect(await jobs()).toBe(jobsBefore);
  });

  it('records nothing for a change that changed nothing, and does not bump the version for account-only actions', async () => {
    const [versionBefore, eventsBefore] = [await version(), await AuditEvent.countDocuments()];
    const result = await testApp.services.recordChange(actor, 'organisation.updated', async () => ({ unchanged: true, result: 7 }));
    expect(result).toBe(7);
    expect(await AuditEvent.countDocuments()).toBe(eventsBefore);
    await testApp.services.recordChange(actor, 'user.signed-in', async () => ({ subject: { kind: 'user', id: 'x' }, result: null }));
    expect(await AuditEvent.countDocuments()).toBe(eventsBefore + 1);
    expect(await version()).toBe(versionBefore);
  });

  it('lets concurrent public changes of different organisations commit at their first attempt, each bumping the version', async () => {
    const organisations = await Promise.all(Array.from({ length: 8 }, (_, n) => makeOrganisation({ name: `Concurrent Org ${n}` })));
    const [versionBefore, eventsBefore] = [await version(), await AuditEvent.countDocuments()];
    let attempts = 0;
    let arrived = 0;
    let allArrived: () => void = () => undefined;
    const everyoneRead = new Promise<void>((resolve) => (allArrived = resolve));
    await Promise.all(
      organisations.map((organisation) =>
        testApp.services.recordChange(actor, 'organisation.updated', async (tx) => {
          attempts += 1;
          await Organisation.findById(organisation._id).session(tx.session).lean();
          // Every transaction has read before any writes, so they all run at once.
          if (++arrived === organisations.length) allArrived();
          await everyoneRead;
          await Organisation.updateOne({ _id: organisation._id }, { $set: { description: 'Changed together' } }, { session: tx.session });
          return { subject: { kind: 'organisation', id: String(organisation._id) }, organisation: organisation._id, result: null };
        }),
      ),
    );
    expect(attempts).toBe(organisations.length);
    expect(await version()).toBe(versionBefore + organisations.length);
    expect(await AuditEvent.countDocuments()).toBe(eventsBefore + organisations.length);
    expect(await Organisation.countDocuments({ description: 'Changed together' })).toBe(organisations.length);
  });

  it('refuses an action that is not in the typed list', async () => {
    await expect(
      testApp.services.recordChange(actor, 'organisation.vanished' as never, async () => ({ subject: { kind: 'x', id: 'y' }, result: null })),
    ).rejects.toThrow(/action/);
  });
});
