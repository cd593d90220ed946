import { AuditEvent } from '../../src/models/auditEvent';
import { Petition } from '../../src/models/petition';
import { Signature } from '../../src/models/signature';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { PETITION_PATH, seedPetition, sign, signatureFields } from './support';

jest.setTimeout(180_000);

let testApp: TestApp;
let staff: Agent;

const newPetition = {
  slug: 'protect-hospitals',
  initiative: 'tech-accord',
  ownerName: 'Harbour Labs',
  ownerSlug: '',
  titleEn: 'Protect hospitals online',
  titleFr: 'Protéger les hôpitaux en ligne',
  textEn: 'Hospitals must never be targets.\n\nSign to say so.',
  textFr: 'Les hôpitaux ne doivent jamais être des cibles.\n\nSignez pour le dire.',
};

beforeAll(async () => {
  testApp = await startTestApp();
  await seedPetition(testApp);
  staff = testApp.agent();
  await signInStaff(staff, await makeStaffUser());
});
afterAll(() => testApp.stop());

describe('the secretariat manages petitions', () => {
  it('lists petitions with their counts', async () => {
    const list = await staff.get('/secretariat/petitions');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<a href="/secretariat/petitions/digital-peace-now">Digital Peace Now</a>');
  });

  it('creates a petition in both languages, open at once, and audits it', async () => {
    const created = await postForm(staff, '/secretariat/petitions/new', '/secretariat/petitions/new', newPetition);
    expect(created.status).toBe(303);
    expect(created.headers['location']).toBe('/secretariat/petitions/protect-hospitals');
    const fr = await testApp.agent().get('/petitions/protect-hospitals?lang=fr');
    expect(fr.text).toContain('<h1>Protéger les hôpitaux en ligne</h1>');
    expect(fr.text).toContain('<p>Signez pour le dire.</p>');
    const stored = await Petition.findOne({ slug: 'protect-hospitals' }).lean();
    expect(stored).toMatchObject({ state: 'open', initiative: 'tech-accord', owner: { name: 'Harbour Labs', organisation: null } });
    expect(await AuditEvent.countDocuments({ action: 'petition.created', 'subject.id': String(stored!._id) })).toBe(1);
  });

  it('refuses a taken address, an unknown owner profile and empty texts with messages next to the fields', async () => {
    const before = await Petition.countDocuments();
    const taken = await postForm(staff, '/secretariat/petitions/new', '/secretariat/petitions/new', { ...newPetition, slug: 'another-one', ownerSlug: 'nobody-here' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('No organisation in the registry has this profile address');
    const duplicate = await postForm(staff, '/secretariat/petitions/new', '/secretariat/petitions/new', newPetition);
    expect(duplicate.status).toBe(400);
    expect(duplicate.text).toContain('Another petition already has this address');
    const empty = await postForm(staff, '/secretariat/petitions/new', '/secretariat/petitions/new', { ...newPetition, slug: 'Bad Slug!', titleFr: '', textEn: '' });
    expect(empty.status).toBe(400);
    for (const message of ['Enter an address of lower-case letters', 'Enter the title in French', 'Enter the text in English']) expect(empty.text).toContain(message);
    expect(empty.text).toContain('value="Protect hospitals online"');
    expect(await Petition.countDocuments()).toBe(before);
  });

  it('edits both languages and the owner, recording before and after', async () => {
    const owner = await makeOrganisation({ name: 'Microsoft', slug: 'microsoft' });
    const path = '/secretariat/petitions/digital-peace-now';
    const form = await staff.get(path);
    expect(form.text).toContain('value="Digital Peace Now"');
    const saved = await postForm(staff, path, path, {
      initiative: '', ownerName: 'Microsoft', ownerSlug: 'microsoft',
      titleEn: 'Digital Peace Now!', titleFr: 'La paix numérique, maintenant !', textEn: 'New English text.', textFr: 'Nouveau texte français.',
    });
    expect(saved.status).toBe(303);
    const page = await testApp.agent().get(`${PETITION_PATH}?lang=fr`);
    expect(page.text).toContain('<h1>La paix numérique, maintenant !</h1>');
    expect(page.text).toContain('<a href="/signatories/microsoft">Microsoft</a>');
    const event = await AuditEvent.findOne({ action: 'petition.updated' }).lean();
    expect(event).toMatchObject({ before: { title: { en: 'Digital Peace Now' } }, after: { title: { en: 'Digital Peace Now!' } } });
    expect(String((await Petition.findOne({ slug: 'digital-peace-now' }).lean())!.owner.organisation)).toBe(String(owner._id));
    // The seed runs again at every start: it leaves the edited petition alone and creates nothing twice.
    await seedPetition(testApp);
    await seedPetition(testApp);
    expect(await Petition.countDocuments({ slug: 'digital-peace-now' })).toBe(1);
    expect((await Petition.findOne({ slug: 'digital-peace-now' }).lean())!.title.en).toBe('Digital Peace Now!');
    expect(await AuditEvent.countDocuments({ action: 'petition.created', 'after.slug': 'digital-peace-now' })).toBe(1);
  });

  it('closes a petition, which then refuses signatures, and opens it again; each change audited once', async () => {
    const path = '/secretariat/petitions/protect-hospitals';
    expect((await postForm(staff, path, `${path}/state`, { state: 'closed' })).status).toBe(303);
    expect((await postForm(staff, path, `${path}/state`, { state: 'closed' })).status).toBe(303);
    const closedPage = await testApp.agent().get('/petitions/protect-hospitals');
    expect(closedPage.text).toContain('This petition is closed');
    expect(closedPage.text).not.toContain('name="consent"');
    const refused = await postForm(testApp.agent(), PETITION_PATH, '/petitions/protect-hospitals', signatureFields({ email: 'late@closed.example' }));
    expect(refused.status).toBe(409);
    expect(await Signature.countDocuments({ emailKey: 'late@closed.example' })).toBe(0);
    expect((await postForm(staff, path, `${path}/state`, { state: 'open' })).status).toBe(303);
    expect((await sign(testApp.agent(), signatureFields({ email: 'early@open.example' }), '/petitions/protect-hospitals')).status).toBe(200);
    const id = String((await Petition.findOne({ slug: 'protect-hospitals' }).lean())!._id);
    expect(await AuditEvent.countDocuments({ action: 'petition.closed', 'subject.id': id })).toBe(1);
    expect(await AuditEvent.countDocuments({ action: 'petition.opened', 'subject.id': id })).toBe(1);
    expect((await postForm(staff, path, `${path}/state`, { state: 'sideways' })).status).toBe(303);
  });

  it('limits signatures per address of the signer', async () => {
    let limited = 0;
    for (let index = 0; index < 22; index += 1) {
      const response = await sign(testApp.agent(), signatureFields({ email: `burst${index}@one-ip.example` }), PETITION_PATH);
      if (response.status === 429) limited += 1;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
