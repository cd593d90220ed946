import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { makeStaffUser, signInStaff } from '../helpers/staff';

jest.setTimeout(120_000);

let testApp: TestApp;
let member: Agent;
let staff: Agent;
let organisation: Awaited<ReturnType<typeof makeOrganisation>>;
let staffEmail: string;

beforeAll(async () => {
  testApp = await startTestApp({ env: { RATE_LIMIT_WRITES_PER_WINDOW: '1000' } });
  organisation = await makeOrganisation({ name: 'Reviewed Org' });
  member = testApp.agent();
  await signIn(member, (await makeUser({ organisation })).email);
  staff = testApp.agent();
  const staffUser = await makeStaffUser();
  staffEmail = staffUser.email;
  await signInStaff(staff, staffUser);
});
afterAll(() => testApp.stop());

const memberPage = () => `/account/organisations/${String(organisation.slug)}/evidence`;
const review = async (id: string, fields: Record<string, string>) => {
  const token = await fetchCsrf(staff, '/secretariat/evidence');
  return staff.post(`/secretariat/evidence/${id}/review`).type('form').send({ ...fields, _csrf: token });
};
const level = async () => (await Organisation.findById(organisation._id).lean())?.evidenceLevel;
const listedAsVerified = async () => (await testApp.agent().get('/signatories?evidence=verified')).text.includes('Reviewed Org');

describe('the secretariat reviews manual evidence', () => {
  it('lists pending documents, refuses a rejection without a note, then rejects and accepts with audit events; the directory follows', async () => {
    const added = await postForm(member, memberPage(), memberPage(), { kind: 'document', subject: 'https://reviewed.example/policy.pdf', commitment: '' });
    expect(added.status).toBe(303);
    const entry = await Evidence.findOne({ organisation: organisation._id, kind: 'document' }).lean().orFail();
    const id = String(entry._id);
    expect(entry.status).toBe('pending-review');
    expect(await level()).toBe('none');
    expect(await listedAsVerified()).toBe(false);

    expect((await member.get('/secretariat/evidence')).status).toBe(404);
    const page = await staff.get('/secretariat/evidence');
    expect(page.status).toBe(200);
    expect(page.text).toContain('1 entry waiting for review');
    expect(page.text).toContain('<a href="https://reviewed.example/policy.pdf" rel="noopener noreferrer">');
    expect(page.text).toContain(`<label class="field__label" for="note-${id}">Note to the member</label>`);
    expect(page.text).toContain('aria-current="page">Evidence</a>');

    const noNote = await review(id, { decision: 'rejected', note: '  ' });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain(`<p class="field__error" id="note-${id}-error">Write a note saying why the evidence is rejected.</p>`);
    expect(noNote.text).toContain('aria-invalid="true"');
    const bogus = await review(id, { decision: 'maybe', note: 'x' });
    expect(bogus.status).toBe(400);
    expect((await Evidence.findById(id).lean())?.status).toBe('pending-review');
    expect(await AuditEvent.countDocuments({ action: 'evidence.reviewed' })).toBe(0);

    const rejected = await review(id, { decision: 'rejected', note: 'The document does not mention disclosure.' });
    expect(rejected.status).toBe(303);
    expect(await Evidence.findById(id).lean()).toMatchObject({ status: 'failing', review: { decision: 'rejected', by: staffEmail } });
    expect((await member.get(memberPage())).text).toContain('The secretariat did not accept this evidence: The document does not mention disclosure.');
    expect((await staff.get('/secretariat/evidence')).text).toContain('1 entry failing or stale');

    const accepted = await review(id, { decision: 'accepted', note: '' });
    expect(accepted.status).toBe(303);
    expect((await staff.get('/secretariat/evidence')).text).toContain('The evidence is accepted');
    expect(await Evidence.findById(id).lean()).toMatchObject({ status: 'verified', failingSince: null, review: { decision: 'accepted' } });
    expect(await level()).toBe('verified');
    expect(await listedAsVerified()).toBe(true);
    const events = await AuditEvent.find({ action: 'evidence.reviewed' }).sort({ at: 1 }).lean();
    expect(events.map((event) => [event.actor.label, (event.after as { status: string }).status])).toEqual([
      [staffEmail, 'failing'],
      [staffEmail, 'verified'],
    ]);
    expect(String(events[0]?.organisation)).toBe(String(organisation._id));

    const profile = await testApp.agent().get(`/signatories/${String(organisation.slug)}`);
    expect(profile.text).toMatch(/level accepted, Verified/);
    expect(profile.text).toMatch(/level rejected, Failing/);

    expect((await review(id, { decision: 'accepted', note: '' })).status).toBe(303);
    expect(await AuditEvent.countDocuments({ action: 'evidence.reviewed' })).toBe(2);
    expect((await review('000000000000000000000000', { decision: 'accepted', note: '' })).status).toBe(303);
    expect((await review('nonsense', { decision: 'accepted', note: '' })).status).toBe(303);
  });

  it('refuses to decide automatically checked evidence by hand', async () => {
    const dmarc = await Evidence.create({ organisation: organisation._id, kind: 'dmarc', subject: 'reviewed.example', status: 'failing', failingSince: new Date() });
    const answer = await review(String(dmarc._id), { decision: 'accepted', note: '' });
    expect(answer.status).toBe(303);
    expect((await Evidence.findById(dmarc._id).lean())?.status).toBe('failing');
    expect((await staff.get('/secretariat/evidence')).text).toContain('That entry is checked automatically');
    const french = await staff.get('/secretariat/evidence?lang=fr');
    expect(french.text).toContain('Preuves en échec ou périmées');
    expect(testApp.missingTranslations).toEqual([]);
  });
});
