import type { Types } from 'mongoose';
import { systemActor } from '../../src/audit/actor';
import { createCheckContext, type CheckContext } from '../../src/features/evidence/checks/context';
import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { MeasuredEvidence } from '../../src/models/measuredEvidence';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { startCheckPeers, type CheckPeers } from './checkPeers';

jest.setTimeout(120_000);

const expires = new Date(Date.now() + 200 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
let peers: CheckPeers;
let context: CheckContext;
let testApp: TestApp;
let member: Agent;
let memberEmail: string;
let organisationId: Types.ObjectId;
let slug: string;

beforeAll(async () => {
  peers = await startCheckPeers(
    {
      'measured.test': { A: ['127.0.0.1'] },
      '_dmarc.measured.test': { TXT: ['v=DMARC1; p=reject'] },
      'mailer.test': { A: ['127.0.0.1'] },
      '_dmarc.mailer.test': { TXT: ['v=DMARC1; p=quarantine'] },
    },
    {
      'measured.test/.well-known/security.txt': {
        contentType: 'text/plain',
        body: `Contact: mailto:security@measured.test\nExpires: ${expires}\n`,
      },
    },
  );
  // Roomier timeouts than the peers' default: a check timing out on a busy machine would wait for its retry.
  context = createCheckContext({
    dnsServers: [peers.dns.server],
    dnsTimeoutMs: 5_000,
    httpsPort: peers.https.port,
    httpTimeoutMs: 10_000,
    allowPrivateAddresses: true,
    ca: peers.certificates.caPem,
  });
  testApp = await startTestApp({
    env: { RATE_LIMIT_WRITES_PER_WINDOW: '1000' },
    evidenceSettings: evidenceSettingsFrom({}),
    checkContext: context,
  });
  const organisation = await makeOrganisation({ name: 'Measured Org' });
  await Organisation.updateOne({ _id: organisation._id }, { $set: { website: 'https://www.measured.test/about' } });
  await Evidence.create({ organisation: organisation._id, kind: 'dmarc', subject: 'claimed.test' });
  organisationId = organisation._id;
  slug = String(organisation.slug);
  member = testApp.agent();
  memberEmail = (await makeUser({ organisation })).email;
  await signIn(member, memberEmail);
});
afterAll(async () => {
  await testApp.stop();
  await context.http.close();
  await peers.close();
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

const measuredOf = (domain: string) => MeasuredEvidence.find({ organisation: organisationId, domain }).lean();
const allChecked = (entries: { checkedAt?: Date | null }[]) => entries.length === 4 && entries.every((entry) => entry.checkedAt);
const between = (html: string, from: string, to: string) => html.slice(html.indexOf(from), to ? html.indexOf(to) : undefined);
const dmarcDomainCount = async () => {
  const page = await testApp.agent().get('/statistics');
  expect(page.text).toContain('measured by the registry whether or not the signatory claimed anything');
  return Number(/DMARC policy across (\d+) domains/.exec(page.text)?.[1]);
};
const evidencePage = () => `/account/organisations/${slug}/evidence`;
const addMailDomain = (mailDomain: string) => postForm(member, evidencePage(), `${evidencePage()}/measured`, { mailDomain });

describe('the registry measures every organisation’s website domain', () => {
  it('the sweep measures the website’s registrable domain; results show apart from claimed evidence, in the API and in the statistics', async () => {
    await testApp.services.jobs.start();
    await testApp.services.evidenceJobs.ensureSweep();
    const entries = await eventually(() => measuredOf('measured.test'), allChecked);
    expect(entries.map((entry) => [entry.check, entry.latestResult?.level]).sort()).toEqual([
      ['dmarc', 'reject'],
      ['mta-sts', 'missing'],
      ['security-txt', 'valid'],
      ['spf', 'missing'],
    ]);
    expect(entries.every((entry) => entry.origin === 'website' && entry.history.length === 1)).toBe(true);
    expect(await AuditEvent.countDocuments({ action: 'evidence.measured-added', organisation: organisationId })).toBe(1);
    // Claimed evidence keeps its own level: the measurement never sets it.
    expect((await Organisation.findById(organisationId).lean())?.evidenceLevel).not.toBe('verified');

    const profile = await testApp.agent().get(`/signatories/${slug}`);
    const claimed = between(profile.text, 'id="evidence-title"', 'id="measured-title"');
    const measured = between(profile.text, 'id="measured-title"', '');
    expect(claimed).toContain('claimed.test');
    expect(claimed).not.toContain('measured.test');
    expect(measured).toContain('Measured by the registry');
    expect(measured).toContain('Checks of measured.test');
    expect(measured).toContain('level reject');
    expect(measured).not.toContain('claimed.test');
    const french = await testApp.agent().get(`/signatories/${slug}?lang=fr`);
    expect(french.text).toContain('Mesuré par le registre');

    const api = await testApp.agent().get(`/api/v1/organisations/${slug}`);
    expect(api.status).toBe(200);
    expect(api.body.evidence.map((item: { subject: string }) => item.subject)).toEqual(['claimed.test']);
    expect(api.body.measuredByRegistry).toHaveLength(4);
    expect(api.body.measuredByRegistry).toContainEqual(
      expect.objectContaining({ domain: 'measured.test', origin: 'website', check: 'dmarc', latestResult: expect.objectContaining({ level: 'reject' }) }),
    );
    expect(await dmarcDomainCount()).toBe(2);
  });

  it('a member adds the right mail domain, which is checked by a job; bad input is refused beside the field', async () => {
    const invalid = await addMailDomain('not a domain/');
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(/id="field-mailDomain-error">Enter a domain such as example.org/);
    expect(invalid.text).toContain('value="not a domain/"');
    const empty = await addMailDomain('');
    expect(empty.text).toContain('Enter a mail domain such as example.org.');

    expect((await addMailDomain('Mailer.test')).status).toBe(303);
    const entries = await eventually(() => measuredOf('mailer.test'), allChecked);
    expect(entries.find((entry) => entry.check === 'dmarc')).toMatchObject({ origin: 'member', latestResult: { level: 'quarantine' } });
    const added = await AuditEvent.findOne({ action: 'evidence.measured-added', 'subject.id': 'mailer.test' }).lean();
    expect(added?.actor).toMatchObject({ kind: 'user', label: memberEmail });
    expect((await addMailDomain('mailer.test')).text).toContain('The registry already measures this domain');
    expect(await MeasuredEvidence.countDocuments({ organisation: organisationId, domain: 'mailer.test' })).toBe(4);
    expect(await dmarcDomainCount()).toBe(3);
  });

  it('refuses another organisation’s member, and "not ours" removes the domain from the profile and statistics, audited', async () => {
    const other = testApp.agent();
    await signIn(other, (await makeUser({ organisation: await makeOrganisation() })).email);
    const refused = await other.get(evidencePage());
    expect(refused.status).toBe(404);
    const ownPage = await member.get(evidencePage());
    const token = /name="_csrf" value="([^"]+)"/.exec(ownPage.text)?.[1] ?? '';
    // The other member's own session token: the refusal comes from the policy, not from CSRF.
    const otherToken = /name="_csrf" value="([^"]+)"/.exec((await other.get('/account')).text)?.[1] ?? '';
    const tampered = await other.post(`${evidencePage()}/measured/not-ours`).type('form').send({ _csrf: otherToken, domain: 'measured.test' });
    expect(tampered.status).toBe(404);
    const tamperedAdd = await other.post(`${evidencePage()}/measured`).type('form').send({ _csrf: otherToken, mailDomain: 'evil.test' });
    expect(tamperedAdd.status).toBe(404);
    expect(await MeasuredEvidence.countDocuments({ organisation: organisationId, notOurs: { $ne: null } })).toBe(0);
    expect(await MeasuredEvidence.countDocuments({ domain: 'evil.test' })).toBe(0);

    expect(ownPage.text).toContain('measured.test is not ours');
    const marked = await member.post(`${evidencePage()}/measured/not-ours`).type('form').send({ _csrf: token, domain: 'measured.test' });
    expect(marked.status).toBe(303);
    const event = await AuditEvent.findOne({ action: 'evidence.measured-not-ours', organisation: organisationId }).lean();
    expect(event).toMatchObject({ subject: { kind: 'measured-domain', id: 'measured.test' }, actor: { label: memberEmail } });
    expect((await measuredOf('measured.test')).every((entry) => entry.notOurs && entry.nextCheckAt === null)).toBe(true);

    const profile = await testApp.agent().get(`/signatories/${slug}`);
    const measured = between(profile.text, 'id="measured-title"', '');
    expect(measured).not.toContain('measured.test');
    expect(measured).toContain('Checks of mailer.test');
    expect(await dmarcDomainCount()).toBe(2);
    // The next sweep does not measure the website's domain again, nor claim it for a check.
    await testApp.services.measured.syncWebsiteDomains(systemActor('evidence-sweep'));
    expect(await MeasuredEvidence.countDocuments({ organisation: organisationId, domain: 'measured.test', notOurs: null })).toBe(0);
    const again = await member.post(`${evidencePage()}/measured/not-ours`).type('form').send({ _csrf: token, domain: 'measured.test' });
    expect(again.status).toBe(303);
    expect(await AuditEvent.countDocuments({ action: 'evidence.measured-not-ours', organisation: organisationId })).toBe(1);
    expect(testApp.missingTranslations).toEqual([]);
  });
});
