import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { Pledge } from '../../src/models/pledge';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';

let testApp: TestApp;
let agent: Agent;
let organisation: Awaited<ReturnType<typeof makeOrganisation>>;
let member: { id: string; email: string };

beforeAll(async () => {
  testApp = await startTestApp({ env: { RATE_LIMIT_WRITES_PER_WINDOW: '1000' } });
  organisation = await makeOrganisation({ name: 'Gamma Org' });
  member = await makeUser({ organisation });
  agent = testApp.agent();
  await signIn(agent, member.email);
});
afterAll(() => testApp.stop());

const base = () => `/account/organisations/${String(organisation.slug)}`;

/** Posts a form body given as pairs, so a field can repeat (several commitments) as a browser sends it. */
async function post(formPath: string, action: string, pairs: [string, string][]) {
  const token = await fetchCsrf(agent, formPath);
  const body = new URLSearchParams([...pairs, ['_csrf', token]]).toString();
  return agent.post(action).type('form').set('X-Request-Id', `req-${Math.random().toString(36).slice(2)}`).send(body);
}

const memberActions = ['pledge.updated', 'organisation.updated', 'evidence.added', 'evidence.removed'] as const;
const eventsFor = () => AuditEvent.find({ organisation: organisation._id, action: { $in: [...memberActions] } }).sort({ at: 1 }).lean();

describe('a member changes its own organisation, one audited event per change', () => {
  it('saves a pledge as a new version, shows it on the public profile, and an unchanged save adds nothing', async () => {
    const page = await agent.get(`${base()}/pledges/tech-accord`);
    expect(page.text).toMatch(/<label for="field-commitments-0">Stronger defence<\/label>/);
    expect(page.text).toMatch(/<label class="field__label" for="field-statement">Public statement<\/label>/);
    expect(page.text).toContain('>Save pledge</button>');

    const pairs: [string, string][] = [['commitments', 'stronger-defence'], ['commitments', 'collective-action'], ['statement', 'We defend and act together.']];
    const saved = await post(`${base()}/pledges/tech-accord`, `${base()}/pledges/tech-accord`, pairs);
    expect(saved.status).toBe(303);
    const events = await eventsFor();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'pledge.updated', actor: { kind: 'user', label: member.email, role: 'member' } });
    expect(events[0]?.requestId).toBeTruthy();
    expect((await Pledge.find({ organisation: organisation._id }).lean()).map((pledge) => pledge.commitments)).toEqual([['stronger-defence', 'collective-action']]);

    const again = await post(`${base()}/pledges/tech-accord`, `${base()}/pledges/tech-accord`, pairs);
    expect(again.status).toBe(303);
    expect(await Pledge.countDocuments({ organisation: organisation._id })).toBe(1);
    expect(await eventsFor()).toHaveLength(1);

    await post(`${base()}/pledges/tech-accord`, `${base()}/pledges/tech-accord`, [['commitments', 'stronger-defence'], ['statement', 'We defend.']]);
    const profile = await testApp.agent().get(`/signatories/${String(organisation.slug)}`);
    expect(profile.text).toContain('We defend.');
    expect(profile.text).toContain('Commitments withdrawn: Collective action');
    expect(profile.text).toContain('Statement changed');
  });

  it('updates the public fields and adds and removes evidence, each with its own event', async () => {
    const before = (await eventsFor()).length;
    const details = await post(`${base()}/details`, `${base()}/details`, [['description', 'About Gamma.'], ['website', 'https://gamma.example.org'], ['domains', 'gamma.example.org\nmail.gamma.example.org'], ['sector', 'research']]);
    expect(details.status).toBe(303);
    expect(await Organisation.findById(organisation._id).lean()).toMatchObject({ description: 'About Gamma.', sector: 'research', domains: ['gamma.example.org', 'mail.gamma.example.org'] });

    const form = await agent.get(`${base()}/evidence`);
    for (const label of ['Kind', 'Domain or URL', 'Commitment it supports']) expect(form.text).toContain(`>${label}</label>`);
    expect(form.text).toContain('>Add evidence</button>');
    const added = await post(`${base()}/evidence`, `${base()}/evidence`, [['kind', 'dmarc'], ['subject', 'Gamma.Example.org'], ['commitment', 'tech-accord:stronger-defence']]);
    expect(added.status).toBe(303);
    const entry = await Evidence.findOne({ organisation: organisation._id }).lean();
    expect(entry).toMatchObject({ kind: 'dmarc', subject: 'gamma.example.org', status: 'pending-review', commitment: 'tech-accord:stronger-defence' });
    expect((await agent.get(`${base()}/evidence`)).text).toContain('Pending review');

    const removed = await post(`${base()}/evidence`, `${base()}/evidence/${String(entry?._id)}/remove`, []);
    expect(removed.status).toBe(303);
    expect(await Evidence.countDocuments({ organisation: organisation._id })).toBe(0);
    const events = (await eventsFor()).slice(before);
    expect(events.map((event) => event.action)).toEqual(['organisation.updated', 'evidence.added', 'evidence.removed']);
    for (const event of events) {
      expect(event.actor).toMatchObject({ kind: 'user', label: member.email });
      expect(String(event.actor.userId)).toBe(member.id);
      expect(event.requestId).toMatch(/\S/);
    }
    expect(new Set(events.map((event) => event.requestId)).size).toBe(3);
  });
});

describe('bad input gets a message next to the field, keeps what was typed, and changes nothing', () => {
  const tenKilobytes = 'x'.repeat(10_240);
  const cases: [string, () => string, [string, string][], string, string][] = [
    ['a statement over 5,000 characters', () => `${base()}/pledges/tech-accord`, [['commitments', 'no-offence'], ['statement', 's'.repeat(5001)]], 'statement', 'The statement is too long'],
    ['an unknown commitment code', () => `${base()}/pledges/tech-accord`, [['commitments', 'cyber-hygiene'], ['statement', 'Kept statement']], 'commitments', 'Choose commitments from the list.'],
    ['a javascript: address', () => `${base()}/evidence`, [['kind', 'vdp-url'], ['subject', 'javascript:alert(1)']], 'subject', 'Enter a web address starting with https://'],
    ['a javascript: website', () => `${base()}/details`, [['website', 'javascript:alert(1)'], ['description', 'Kept description']], 'website', 'Enter a web address starting with https://'],
    ['a domain that is not one', () => `${base()}/evidence`, [['kind', 'spf'], ['subject', 'not a domain']], 'subject', 'Enter a domain such as example.org'],
    ['mail domains that are not domains', () => `${base()}/details`, [['domains', 'example..org'], ['description', '']], 'domains', 'Enter mail domains such as example.org'],
    ['10 kB in a short field', () => `${base()}/details`, [['website', tenKilobytes]], 'website', 'This is too long'],
    ['10 kB as the evidence subject', () => `${base()}/evidence`, [['kind', 'dmarc'], ['subject', tenKilobytes]], 'subject', 'This is too long'],
  ];

  it.each(cases)('%s', async (_name, path, pairs, field, message) => {
    const [eventsBefore, pledgesBefore, organisationBefore] = [await AuditEvent.countDocuments(), await Pledge.countDocuments(), await Organisation.findById(organisation._id).lean()];
    const response = await post(path(), path(), pairs);
    expect(response.status).toBe(400);
    const errorNextToField = new RegExp(`id="field-${field}-error">${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    expect(response.text).toMatch(errorNextToField);
    const typed = pairs.find(([name]) => name === field)?.[1] ?? '';
    if (field !== 'commitments') expect(response.text).toContain(typed.replace(/&/g, '&amp;').slice(0, 200));
    else expect(response.text).toContain('Kept statement');
    expect(await AuditEvent.countDocuments()).toBe(eventsBefore);
    expect(await Pledge.countDocuments()).toBe(pledgesBefore);
    expect(await Organisation.findById(organisation._id).lean()).toEqual(organisationBefore);
  });
});
