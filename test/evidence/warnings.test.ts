import { systemActor } from '../../src/audit/actor';
import { fixedClock } from '../../src/clock';
import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { JOBS_COLLECTION } from '../../src/jobs/jobQueue';
import { composeMessage, type MailMessageRequest } from '../../src/mail/messages';
import { createI18n } from '../../src/middleware/i18n';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { User } from '../../src/models/user';
import { localesDir } from '../../src/paths';
import type { Zone } from '../helpers/peers/dnsPeer';
import { mongoose, startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { startCheckPeers, type CheckPeers } from './checkPeers';

jest.setTimeout(120_000);

const day = 86_400_000;
const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));
const securityTxt = (expires: string) => `Contact: mailto:security@warn.test\nExpires: ${expires}\n`;

/** `name` includes step1, which includes step2…: `length` DNS lookups in all. */
function includeChain(name: string, length: number): Zone {
  const zone: Zone = {};
  for (let i = 1; i <= length; i++) zone[`step${i}.${name}`] = { TXT: [`v=spf1${i < length ? ` include:step${i + 1}.${name}` : ''} -all`] };
  zone[name] = { TXT: [`v=spf1 include:step1.${name} -all`] };
  return zone;
}

let peers: CheckPeers;
let testApp: TestApp;
beforeAll(async () => {
  peers = await startCheckPeers(
    { 'warn.test': { A: ['127.0.0.1'] }, ...includeChain('spf.warn.test', 9) },
    { 'warn.test/.well-known/security.txt': { body: securityTxt('2026-06-21T00:00:00Z') } },
  );
  testApp = await startTestApp({ clock, evidenceSettings: evidenceSettingsFrom({}), checkContext: peers.context({ now: () => clock.now() }) });
});
afterAll(async () => {
  await testApp.stop();
  await peers.close();
});

const mailJobs = async () =>
  (await mongoose.connection.collection(JOBS_COLLECTION).find({ name: 'mail.send', 'data.template': 'evidence-warning' }).toArray()).map(
    (job) => job['data'] as MailMessageRequest,
  );

describe('warnings before things break', () => {
  it('shows security.txt expiring within 30 days and SPF at 9 lookups to the member, and mails each member once per warning state change', async () => {
    const organisation = await makeOrganisation({ name: 'Warned Org', domains: ['warn.test'] });
    const english = await makeUser({ organisation });
    const french = await makeUser({ organisation });
    await User.updateOne({ _id: french._id }, { $set: { language: 'fr' } });
    const site = await Evidence.create({ organisation: organisation._id, kind: 'security-txt', subject: 'warn.test' });
    const spf = await Evidence.create({ organisation: organisation._id, kind: 'spf', subject: 'spf.warn.test' });
    const check = (id: unknown) => testApp.services.evidence.checkEvidence(systemActor('evidence-check'), String(id));

    expect(await check(site._id)).toMatchObject({ level: 'valid', status: 'verified' });
    expect(await check(spf._id)).toMatchObject({ level: 'fail', status: 'verified' });
    expect(await Evidence.findById(site._id).lean()).toMatchObject({ warnings: ['securityTxt.expiresSoon'] });
    expect(await Evidence.findById(spf._id).lean()).toMatchObject({ warnings: ['spf.nearLookupLimit'] });

    let mails = await mailJobs();
    expect(mails).toHaveLength(4);
    expect(mails.map((mail) => [mail.to, mail.language, mail.params['subject']]).sort()).toEqual(
      [
        [english.email, 'en', 'warn.test'],
        [english.email, 'en', 'spf.warn.test'],
        [french.email, 'fr', 'warn.test'],
        [french.email, 'fr', 'spf.warn.test'],
      ].sort(),
    );
    const text = createI18n(localesDir);
    const englishMail = composeMessage(text, mails.find((mail) => mail.language === 'en' && mail.params['subject'] === 'warn.test')!);
    expect(englishMail.subject).toBe('Evidence of Warned Org will soon stop working: warn.test');
    expect(englishMail.text).toContain('The file expires in 20 days');
    expect(englishMail.text).toContain(`/account/organisations/${String(organisation.slug)}/evidence`);
    const frenchMail = composeMessage(text, mails.find((mail) => mail.language === 'fr' && mail.params['subject'] === 'spf.warn.test')!);
    expect(frenchMail.subject).toContain('cessera bientôt de fonctionner');

    clock.advance(day);
    await check(site._id);
    await check(spf._id);
    expect(await mailJobs()).toHaveLength(4);

    const agent = testApp.agent();
    await signIn(agent, english.email);
    const page = await agent.get(`/account/organisations/${String(organisation.slug)}/evidence`);
    expect(page.text.match(/Warning: this will soon stop working\./g)).toHaveLength(2);
    expect(page.text).toContain('The file expires in 19 days');
    expect(page.text).toContain('already needs 9 of the 10 DNS lookups');
    const frenchPage = await agent.get(`/account/organisations/${String(organisation.slug)}/evidence?lang=fr`);
    expect(frenchPage.text).toContain('Attention : ceci cessera bientôt de fonctionner.');

    peers.https.routes['warn.test/.well-known/security.txt'] = { body: securityTxt('2026-11-01T00:00:00Z') };
    clock.advance(day);
    await check(site._id);
    expect(await Evidence.findById(site._id).lean()).toMatchObject({ warnings: [] });
    peers.https.routes['warn.test/.well-known/security.txt'] = { body: securityTxt('2026-06-25T00:00:00Z') };
    clock.advance(day);
    await check(site._id);
    mails = await mailJobs();
    expect(mails).toHaveLength(6);
    expect(testApp.missingTranslations).toEqual([]);
  });
});

describe('the security.txt countdown', () => {
  it('adds no history row while only the days left change, and one when the expiry date changes', async () => {
    const organisation = await makeOrganisation({ name: 'Countdown Org' });
    const site = await Evidence.create({ organisation: organisation._id, kind: 'security-txt', subject: 'warn.test' });
    const expiresIn = (days: number) => new Date(clock.now().getTime() + days * day).toISOString().replace(/\.\d+Z$/, 'Z');
    const expiry = expiresIn(20);
    peers.https.routes['warn.test/.well-known/security.txt'] = { body: securityTxt(expiry) };
    const check = () => testApp.services.evidence.checkEvidence(systemActor('evidence-check'), String(site._id));
    const checkedEvents = () => AuditEvent.countDocuments({ action: 'evidence.checked', 'subject.id': String(site._id) });
    for (let i = 0; i < 4; i++) {
      expect(await check()).toMatchObject({ level: 'valid' });
      clock.advance(day);
    }
    let stored = await Evidence.findById(site._id).lean().orFail();
    expect(stored.history).toHaveLength(1);
    expect(stored.history[0]?.findings).toEqual([{ code: 'securityTxt.expiresSoon', params: { days: 17, date: expiry.slice(0, 10) } }]);
    expect(stored.history[0]?.until).toEqual(new Date(clock.now().getTime() - day));
    expect(stored.latestResult?.problems[0]).toContain('expires in 17 days');
    expect(await checkedEvents()).toBe(1);

    // Renewed, yet still within 30 days: the problem now means another date, so history records it.
    peers.https.routes['warn.test/.well-known/security.txt'] = { body: securityTxt(expiresIn(25)) };
    await check();
    stored = await Evidence.findById(site._id).lean().orFail();
    expect(stored.history).toHaveLength(2);
    expect(await checkedEvents()).toBe(2);
  });
});
