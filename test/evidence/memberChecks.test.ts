import type { Types } from 'mongoose';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { JOBS_COLLECTION } from '../../src/jobs/jobQueue';
import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { mongoose, startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { startCheckPeers, type CheckPeers } from './checkPeers';

jest.setTimeout(120_000);

const dmarcName = '_dmarc.member.test';
let peers: CheckPeers;
let testApp: TestApp;
let agent: Agent;
let base: string;
let organisationId: Types.ObjectId;

beforeAll(async () => {
  peers = await startCheckPeers({ 'member.test': { A: ['127.0.0.1'] }, [dmarcName]: { TXT: ['v=DMARC1; p=reject'] } });
  const settings = evidenceSettingsFrom({ EVIDENCE_CHECK_NOW_PER_USER_PER_HOUR: '3' });
  testApp = await startTestApp({
    env: { RATE_LIMIT_WRITES_PER_WINDOW: '1000' },
    evidenceSettings: settings,
    checkContext: peers.context(),
  });
  const organisation = await makeOrganisation({ domains: ['member.test'] });
  organisationId = organisation._id;
  base = `/account/organisations/${String(organisation.slug)}/evidence`;
  agent = testApp.agent();
  await signIn(agent, (await makeUser({ organisation })).email);
});
afterAll(async () => {
  await testApp.stop();
  await peers.close();
});

const jobs = () => mongoose.connection.collection(JOBS_COLLECTION);
const checkJobsFor = (evidenceId: string) => jobs().countDocuments({ name: 'evidence.check', 'data.evidenceId': evidenceId });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

const add = (kind: string, subject: string) => postForm(agent, base, base, { kind, subject, commitment: '' });
const checkNow = async (evidenceId: string) => {
  const token = await fetchCsrf(agent, base);
  return agent.post(`${base}/${evidenceId}/check`).type('form').send({ _csrf: token });
};

describe('evidence a member adds is checked without waiting for the sweep', () => {
  it('queues a check job in the change that adds a checkable entry, and the job records the result', async () => {
    expect((await add('dmarc', 'member.test')).status).toBe(303);
    const entry = await Evidence.findOne({ organisation: organisationId, kind: 'dmarc' }).lean().orFail();
    expect(entry.status).toBe('pending-review');
    expect(await checkJobsFor(String(entry._id))).toBe(1);
    expect(entry.nextCheckAt?.getTime()).toBeGreaterThan(Date.now());

    expect((await add('dmarc', 'member.test')).status).toBe(400);
    expect(await checkJobsFor(String(entry._id))).toBe(1);

    expect((await add('document', 'https://member.test/policy.pdf')).status).toBe(303);
    const documentEntry = await Evidence.findOne({ organisation: organisationId, kind: 'document' }).lean().orFail();
    expect(await checkJobsFor(String(documentEntry._id))).toBe(0);

    await testApp.services.jobs.start();
    const checked = await eventually(() => Evidence.findById(entry._id).lean().orFail(), (found) => found.status !== 'pending-review');
    expect(checked).toMatchObject({ status: 'verified', latestResult: { level: 'reject' } });
    expect(await AuditEvent.countDocuments({ action: 'evidence.checked', 'subject.id': String(entry._id) })).toBe(1);
    const page = await agent.get(base);
    expect(page.text).toContain('Verified');
    expect(page.text).toContain('level reject');
  });

  it('runs a check when the member presses Check now, limited per entry and per user', async () => {
    const entry = await Evidence.findOne({ organisation: organisationId, kind: 'dmarc' }).lean().orFail();
    const id = String(entry._id);
    const page = await agent.get(base);
    expect(page.text).toContain(`action="${base}/${id}/check"`);
    const documentEntry = await Evidence.findOne({ organisation: organisationId, kind: 'document' }).lean().orFail();
    expect(page.text).not.toContain(`${String(documentEntry._id)}/check`);
    expect(page.text).toMatch(/>Check now<span class="visually-hidden"> DMARC member\.test<\/span><\/button>/);

    const withoutToken = await agent.post(`${base}/${id}/check`).type('form').send({});
    expect(withoutToken.status).toBe(403);

    peers.dns.zone[dmarcName] = { TXT: ['v=DMARC1; p=none'] };
    const pressed = await checkNow(id);
    expect(pressed.status).toBe(303);
    expect(pressed.headers['location']).toBe(base);
    expect((await agent.get(base)).text).toContain('A check is queued');
    const failing = await eventually(() => Evidence.findById(id).lean().orFail(), (found) => found.status === 'failing');
    expect(failing.latestResult?.level).toBe('none');
    expect(await AuditEvent.countDocuments({ action: 'evidence.check-requested', 'subject.id': id })).toBe(1);

    const again = await checkNow(id);
    expect(again.status).toBe(429);
    expect(again.text).toContain('This entry was checked on request a few minutes ago. You can ask again after');
    expect(await AuditEvent.countDocuments({ action: 'evidence.check-requested', 'subject.id': id })).toBe(1);

    const others = [];
    for (const subject of ['a.member.test', 'b.member.test', 'c.member.test']) {
      await add('spf', subject);
      others.push(String((await Evidence.findOne({ organisation: organisationId, subject }).lean().orFail())._id));
    }
    expect((await checkNow(others[0]!)).status).toBe(303);
    expect((await checkNow(others[1]!)).status).toBe(303);
    const limited = await checkNow(others[2]!);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('You have asked for many checks in the last hour. You can ask again after');

    const french = await agent.post(`${base}/${others[2]!}/check?lang=fr`).type('form').send({ _csrf: await fetchCsrf(agent, base) });
    expect(french.status).toBe(429);
    expect(french.text).toContain('Vous pourrez redemander après le');

    const unknown = await checkNow('000000000000000000000000');
    expect(unknown.status).toBe(303);
    expect((await checkNow('not-an-id')).status).toBe(303);
    expect(testApp.missingTranslations).toEqual([]);
  });
});
