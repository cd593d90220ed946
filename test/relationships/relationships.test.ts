import { AuditEvent } from '../../src/models/auditEvent';
import { Organisation } from '../../src/models/organisation';
import { Relationship } from '../../src/models/relationship';
import { ensureMovement } from '../../src/seed/movement';
import { answerChecker } from '../opendata/openApi';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation as makeStoredOrganisation } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';

/** The factory's document with its slug typed as the string it is. */
async function makeOrganisation(fields: { name: string; country?: string }) {
  const organisation = await makeStoredOrganisation(fields);
  return { _id: organisation._id, slug: String(organisation.slug) };
}

let testApp: TestApp;
let staff: Agent;
let check: ReturnType<typeof answerChecker>;

beforeAll(async () => {
  testApp = await startTestApp();
  staff = testApp.agent();
  await signInStaff(staff, await makeStaffUser());
  check = answerChecker((await testApp.agent().get('/api/v1/openapi.json')).body);
});
afterAll(() => testApp.stop());

const NEW = '/secretariat/relationships/new';
const blank = {
  fromOrganisation: '',
  fromName: '',
  fromUrl: '',
  kind: 'funds',
  toOrganisation: '',
  toName: '',
  toUrl: '',
  since: '',
  until: '',
  sourceUrl: '',
};

async function apiProfile(slug: string) {
  const response = await testApp.agent().get(`/api/v1/organisations/${slug}`);
  expect(response.status).toBe(200);
  check('/organisations/{slug}', 200, 'application/json', response.body);
  return response.body as { relationships: { kind: string; from: { name: string; slug: string | null }; to: { name: string; slug: string | null }; since: string | null; sourceUrl: string }[] };
}

describe('the secretariat records relationships between organisations', () => {
  it('refuses bad input with a message next to each field and stores nothing', async () => {
    const funded = await makeOrganisation({ name: 'Refused Funded Org' });
    const cases: [Record<string, string>, string, string][] = [
      [{ toOrganisation: funded.slug, fromName: 'Some Fund' }, 'sourceUrl', 'Give the public source of this relationship.'],
      [{ toOrganisation: funded.slug, fromName: 'Some Fund', sourceUrl: 'javascript:alert(1)' }, 'sourceUrl', 'Enter an address starting with https:// or http://.'],
      [{ toOrganisation: 'no-such-org', fromName: 'Some Fund', sourceUrl: 'https://source.example/' }, 'toOrganisation', 'No organisation in the registry has this slug.'],
      [{ toName: 'Outside A', fromName: 'Outside B', sourceUrl: 'https://source.example/' }, 'fromOrganisation', 'At least one of the two organisations must be in the registry.'],
      [{ toOrganisation: funded.slug, sourceUrl: 'https://source.example/' }, 'fromOrganisation', 'Give the slug of an organisation in the registry, or the name of one outside it.'],
      [{ toOrganisation: funded.slug, fromOrganisation: funded.slug, sourceUrl: 'https://source.example/' }, 'toOrganisation', 'An organisation cannot be related to itself.'],
      [{ toOrganisation: funded.slug, fromName: 'F', sourceUrl: 'https://s.example/', since: '2020-02-30' }, 'since', 'Enter a date as YYYY-MM-DD.'],
      [{ toOrganisation: funded.slug, fromName: 'F', sourceUrl: 'https://s.example/', since: '2020-02-03', until: '2019-01-01' }, 'until', 'The end date is before the start date.'],
      [{ toOrganisation: funded.slug, fromName: 'F', sourceUrl: 'https://s.example/', kind: 'owns' }, 'kind', 'Choose the kind of relationship.'],
    ];
    for (const [fields, field, message] of cases) {
      const response = await postForm(staff, NEW, '/secretariat/relationships', { ...blank, ...fields });
      expect([field, response.status]).toEqual([field, 400]);
      expect(response.text).toContain(`id="field-${field}-error">${message.replace(/'/g, '&#39;')}</p>`);
      expect(response.text).toContain(`href="#field-${field}"`);
    }
    expect(await Relationship.countDocuments()).toBe(0);
    expect(await AuditEvent.countDocuments({ action: /^relationship\./ })).toBe(0);
  });

  it('shows a funding on both profiles with the inverse wording, in the API, and audits create, edit and delete', async () => {
    const funder = await makeOrganisation({ name: 'Funder Corp' });
    const funded = await makeOrganisation({ name: 'Peace Lab' });
    const created = await postForm(staff, NEW, '/secretariat/relationships', {
      ...blank,
      fromOrganisation: funder.slug,
      toOrganisation: funded.slug,
      since: '2019-09-26',
      sourceUrl: 'https://peacelab.example/funders',
    });
    expect(created.status).toBe(303);
    await postForm(staff, NEW, '/secretariat/relationships', {
      ...blank,
      fromName: 'Outside Foundation',
      fromUrl: 'https://outside.example/',
      toOrganisation: funded.slug,
      sourceUrl: 'https://peacelab.example/funders',
    });

    const fundedPage = (await testApp.agent().get(`/signatories/${funded.slug}?lang=en`)).text;
    expect(fundedPage).toMatch(/<dt>Funded by<\/dt>\s*<dd>\s*<a href="\/signatories\/[^"]+">Funder Corp<\/a> \(since 26 September 2019\)/);
    expect(fundedPage).toContain('<a href="https://outside.example/">Outside Foundation</a>');
    const funderPage = (await testApp.agent().get(`/signatories/${funder.slug}?lang=fr`)).text;
    expect(funderPage).toMatch(new RegExp(`<dt>Finance</dt>\\s*<dd>\\s*<a href="/signatories/${funded.slug}">Peace Lab</a>`));

    const api = await apiProfile(funded.slug);
    expect(api.relationships).toEqual([
      expect.objectContaining({ kind: 'funds', from: expect.objectContaining({ slug: funder.slug }), to: expect.objectContaining({ slug: funded.slug }), since: '2019-09-26' }),
      expect.objectContaining({ kind: 'funds', from: expect.objectContaining({ name: 'Outside Foundation', slug: null }), since: null }),
    ]);
    expect((await apiProfile(funder.slug)).relationships).toHaveLength(1);

    const stored = await Relationship.findOne({ 'from.organisation': funder._id }).lean();
    const editPage = `/secretariat/relationships/${String(stored!._id)}`;
    expect((await staff.get(editPage)).text).toContain(`value="${funder.slug}"`);
    const edited = await postForm(staff, editPage, editPage, {
      ...blank,
      fromOrganisation: funder.slug,
      kind: 'partners-with',
      toOrganisation: funded.slug,
      sourceUrl: 'https://peacelab.example/partners',
    });
    expect(edited.status).toBe(303);
    expect((await testApp.agent().get(`/signatories/${funded.slug}`)).text).toMatch(/<dt>Partners with<\/dt>\s*<dd>\s*<a href="\/signatories\/[^"]+">Funder Corp/);
    expect((await postForm(staff, editPage, `${editPage}/delete`, {})).status).toBe(303);
    expect((await staff.get(editPage)).status).toBe(404);
    expect((await apiProfile(funder.slug)).relationships).toEqual([]);

    const actions = await AuditEvent.find({ 'subject.id': String(stored!._id) }).sort({ at: 1 }).lean();
    expect(actions.map((event) => event.action)).toEqual(['relationship.created', 'relationship.updated', 'relationship.removed']);
    expect(actions[1]).toMatchObject({ before: { kind: 'funds' }, after: { kind: 'partners-with' }, actor: { role: 'secretariat' } });
  });

  it('lists relationships for the secretariat and answers 404 for an unknown one', async () => {
    expect((await staff.get('/secretariat/relationships')).text).toContain('Outside Foundation');
    expect((await staff.get('/secretariat/relationships/not-an-id')).status).toBe(404);
    expect((await staff.get('/secretariat/relationships/0123456789abcdef01234567')).status).toBe(404);
  });
});

describe('the seed links the CyberPeace Institute to its funders', () => {
  it('adds its Tech Accord signature and five fundings once, outside funders by name', async () => {
    const cyberPeace = await makeOrganisation({ name: 'CyberPeace Institute', country: 'CH' });
    await Organisation.updateOne({ _id: cyberPeace._id }, { $set: { memberships: [{ initiative: 'paris-call', joinedAt: new Date('2020-04-22'), status: 'active' }] } });
    await makeOrganisation({ name: 'Microsoft', country: 'US' });
    await makeOrganisation({ name: 'Mastercard', country: 'US' });
    const first = await ensureMovement(testApp.services.recordChange);
    expect(first).toEqual({ linked: true, membershipsAdded: 1, relationshipsAdded: 5 });
    expect(await ensureMovement(testApp.services.recordChange)).toEqual({ linked: true, membershipsAdded: 0, relationshipsAdded: 0 });

    const stored = await Organisation.findById(cyberPeace._id).lean();
    expect(stored!.memberships.map((m) => m.initiative).sort()).toEqual(['paris-call', 'tech-accord']);
    const page = (await testApp.agent().get(`/signatories/${cyberPeace.slug}?lang=en`)).text;
    expect(page).toMatch(/<dt>Funded by<\/dt>\s*<dd>\s*<a href="\/signatories\/microsoft-[a-f0-9]+">Microsoft<\/a> <small>.*?<\/small>, Hewlett Foundation <small>.*?<\/small>, <a href="\/signatories\/mastercard-[a-f0-9]+">Mastercard<\/a>.*?, Facebook .*?, Ford Foundation/s);
    const events = await AuditEvent.find({ action: 'relationship.created', 'after.to.organisation': cyberPeace._id }).lean();
    expect(events).toHaveLength(5);
    expect(events.every((event) => event.actor.label === 'system:seed')).toBe(true);
  });
});
