import { AuditEvent } from '../../src/models/auditEvent';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
}, 120_000);
afterAll(() => testApp.stop());

const valid = {
  name: 'Harbour Security Labs',
  country: 'DE',
  category: 'civil-society',
  sector: 'research',
  website: 'https://harbour.example/',
  domains: 'harbour.example, mail.harbour.example',
  description: 'Research on secure mail.',
};

async function signedIn() {
  const agent = testApp.agent();
  await signInStaff(agent, await makeStaffUser());
  return agent;
}

describe('the secretariat edits an organisation', () => {
  it('refuses bad input with a message next to each field, keeps the input and changes nothing', async () => {
    const organisation = await makeOrganisation({ name: 'Harbour Labs' });
    const agent = await signedIn();
    const page = `/secretariat/organisations/${organisation.slug}/edit`;
    const form = await agent.get(page);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Harbour Labs"');
    expect(form.text).toMatch(/<option value="FR" selected>/);

    const refused = await postForm(agent, page, page, {
      ...valid,
      name: '  ',
      country: 'ZZ',
      sector: 'pirates',
      website: 'javascript:alert(1)',
      domains: 'not a domain!',
    });
    expect(refused.status).toBe(400);
    const errorOf = (field: string) =>
      new RegExp(`id="field-${field}-error">([^<]+)<`).exec(refused.text)?.[1];
    expect(errorOf('name')).toBe('Enter the organisation name.');
    expect(errorOf('country')).toBe('Choose a country from the list.');
    expect(errorOf('sector')).toBe('Choose a sector from the list.');
    expect(errorOf('website')).toBe('Enter a web address beginning with http:// or https://.');
    expect(errorOf('domains')).toBe('Enter domain names such as example.org, separated by spaces or commas.');
    expect(errorOf('category')).toBeUndefined();
    expect(refused.text).toContain('value="javascript:alert(1)"');
    expect(refused.text).toContain('value="not a domain!"');
    expect(refused.text).toMatch(/<option value="civil-society" selected>/);
    expect((await Organisation.findById(organisation._id).lean())?.name).toBe('Harbour Labs');
    expect(
      await AuditEvent.countDocuments({ action: 'organisation.updated', organisation: organisation._id }),
    ).toBe(0);

    const noToken = await agent.post(page).type('form').send(valid);
    expect(noToken.status).toBe(403);
  });

  it('saves every field through one audited change, shown on the public profile and in the directory', async () => {
    const organisation = await makeOrganisation({ name: 'Quay Systems' });
    const agent = await signedIn();
    const page = `/secretariat/organisations/${organisation.slug}/edit`;
    const saved = await postForm(agent, page, page, { ...valid, name: 'Quay Secure Systems' });
    expect(saved.status).toBe(303);
    expect(saved.headers['location']).toBe(`/secretariat/organisations/${organisation.slug}`);
    expect((await agent.get(saved.headers['location'] as string)).text).toContain('Details saved');

    const stored = await Organisation.findById(organisation._id).lean();
    expect(stored).toMatchObject({
      slug: organisation.slug,
      name: 'Quay Secure Systems',
      searchKey: 'quay secure systems',
      identityKey: 'quay secure systems|DE',
      country: 'DE',
      category: 'civil-society',
      sector: 'research',
      website: 'https://harbour.example/',
      domains: ['harbour.example', 'mail.harbour.example'],
      description: 'Research on secure mail.',
    });
    const events = await AuditEvent.find({
      action: 'organisation.updated',
      organisation: organisation._id,
    }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]?.before).toMatchObject({ name: 'Quay Systems', country: 'FR', domains: [] });
    expect(events[0]?.after).toMatchObject({ name: 'Quay Secure Systems', country: 'DE' });
    expect(events[0]?.actor.role).toBe('secretariat');

    const profile = await testApp.agent().get(`/signatories/${organisation.slug}`);
    expect(profile.text).toContain('<h1>Quay Secure Systems');
    expect(profile.text).toContain('Research on secure mail.');
    expect((await testApp.agent().get('/signatories?q=quay secure')).text).toContain('Quay Secure Systems');

    const again = await postForm(agent, page, page, { ...valid, name: 'Quay Secure Systems' });
    expect(again.status).toBe(303);
    expect(
      await AuditEvent.countDocuments({ action: 'organisation.updated', organisation: organisation._id }),
    ).toBe(1);
  });

  it('refuses a name another organisation of the same country has', async () => {
    await makeOrganisation({ name: 'Pier Networks', country: 'DE' });
    const organisation = await makeOrganisation({ name: 'Pier Net', country: 'DE' });
    const agent = await signedIn();
    const page = `/secretariat/organisations/${organisation.slug}/edit`;
    const refused = await postForm(agent, page, page, { ...valid, name: 'pier  networks' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Another organisation in this country already has this name');
    expect((await Organisation.findById(organisation._id).lean())?.name).toBe('Pier Net');
  });

  it('speaks French and answers 404 for an unknown organisation', async () => {
    const organisation = await makeOrganisation({ name: 'Jetée Numérique' });
    const agent = await signedIn();
    const french = await agent.get(`/secretariat/organisations/${organisation.slug}/edit?lang=fr`);
    expect(french.text).toContain('Nom de l’organisation');
    expect(french.text).toContain('Domaine de messagerie');
    expect((await agent.get('/secretariat/organisations/nobody-here/edit')).status).toBe(404);
  });
});
