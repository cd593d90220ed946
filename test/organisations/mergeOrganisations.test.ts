import mongoose, { Types } from 'mongoose';
import { actorFrom } from '../../src/audit/actor';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { Pledge } from '../../src/models/pledge';
import { Relationship } from '../../src/models/relationship';
import { RELATIONSHIP_KINDS } from '../../src/reference/relationships';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
}, 120_000);
afterAll(() => testApp.stop());

/** Every place, in every collection, where a document mentions the id (as an ObjectId or inside a string). */
async function referencesTo(id: Types.ObjectId): Promise<string[]> {
  const hex = id.toHexString();
  const found: string[] = [];
  const walk = (value: unknown, where: string): void => {
    if (value instanceof Types.ObjectId) {
      if (value.equals(id)) found.push(where);
    } else if (typeof value === 'string') {
      if (value.includes(hex)) found.push(where);
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}.${index}`));
    else if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
    }
  };
  const db = mongoose.connection.db!;
  for (const { name } of await db.listCollections().toArray()) {
    for (const document of await db.collection(name).find({}).toArray())
      walk(document, `${name}:${String(document._id)}`);
  }
  return found;
}

async function setUp() {
  const kept = await makeOrganisation({ name: 'Beacon Security', domains: ['beacon.example'] });
  const duplicate = await makeOrganisation({ name: 'Beacon Security Ltd', domains: ['beacon-ltd.example'] });
  await Organisation.updateOne(
    { _id: duplicate._id },
    {
      $set: {
        website: 'https://beacon-ltd.example/',
        memberships: [
          { initiative: 'tech-accord', joinedAt: new Date('2019-05-01T00:00:00Z'), status: 'active' },
          { initiative: 'paris-call', joinedAt: new Date('2020-02-01T00:00:00Z'), status: 'active' },
        ],
      },
    },
  );
  const staff = await makeUser({ role: 'secretariat' });
  const staffActor = actorFrom({ user: { id: staff.id, email: staff.email, role: 'secretariat' } });
  const member = await makeUser({ organisation: duplicate });
  const memberActor = actorFrom({
    user: { id: member.id, email: member.email, role: 'member', organisationId: String(duplicate._id) },
  });
  const { pledges, members, organisations } = testApp.services;
  await pledges.savePledge(staffActor, {
    organisation: kept._id,
    initiative: 'tech-accord',
    commitments: ['stronger-defence'],
    statement: 'Kept first',
  });
  await pledges.savePledge(memberActor, {
    organisation: duplicate._id,
    initiative: 'tech-accord',
    commitments: ['no-offence'],
    statement: 'Duplicate first',
  });
  await pledges.savePledge(memberActor, {
    organisation: duplicate._id,
    initiative: 'tech-accord',
    commitments: ['no-offence', 'capacity-building'],
    statement: 'Duplicate latest',
  });
  await pledges.savePledge(memberActor, {
    organisation: duplicate._id,
    initiative: 'paris-call',
    commitments: ['protect-the-internet'],
    statement: 'Paris',
  });
  const dmarc = { kind: 'dmarc' as const, subject: 'beacon.example', commitment: null };
  await members.addEvidence(staffActor, kept._id, dmarc);
  await members.addEvidence(memberActor, duplicate._id, dmarc);
  await members.addEvidence(memberActor, duplicate._id, {
    kind: 'spf',
    subject: 'beacon-ltd.example',
    commitment: null,
  });
  await organisations.changeStatus(staffActor, duplicate._id, { state: 'lapsed', reason: 'Duplicate entry' });
  await Relationship.create({
    from: { organisation: duplicate._id, name: 'Beacon Security Ltd' },
    kind: RELATIONSHIP_KINDS[0],
    to: { name: 'Outside Fund', url: 'https://fund.example/' },
    sourceUrl: 'https://fund.example/grants',
  });
  return { kept, duplicate, member };
}

describe('merging two duplicate organisations', () => {
  it('confirms first, then moves everything to the one kept in one audited change, leaving no dangling reference', async () => {
    const { kept, duplicate, member } = await setUp();
    const agent = testApp.agent();
    await signInStaff(agent, await makeStaffUser());
    const mergePage = `/secretariat/organisations/${kept.slug}/merge`;

    const search = await agent.get(`${mergePage}?q=beacon`);
    expect(search.status).toBe(200);
    expect(search.text).toContain(`href="${mergePage}?duplicate=${duplicate.slug}"`);
    expect(search.text).not.toContain(`?duplicate=${kept.slug}"`);

    const confirmPage = `${mergePage}?duplicate=${duplicate.slug}`;
    const confirmation = await agent.get(confirmPage);
    expect(confirmation.text).toContain('Check before merging');
    expect(confirmation.text).toContain('3 pledge versions');
    expect(confirmation.text).toContain('2 evidence entries');
    expect(confirmation.text).toContain('<li>1 user</li>');
    expect(confirmation.text).toContain('audit events, kept as recorded');

    const unconfirmed = await postForm(agent, confirmPage, mergePage, { duplicate: String(duplicate.slug) });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Confirm the merge with the button on this page.');
    const itself = await postForm(agent, confirmPage, mergePage, {
      duplicate: String(kept.slug),
      confirm: 'yes',
    });
    expect(itself.status).toBe(400);
    expect(await Organisation.exists({ _id: duplicate._id })).not.toBeNull();
    expect(await AuditEvent.countDocuments({ action: 'organisation.merged' })).toBe(0);

    const merged = await postForm(agent, confirmPage, mergePage, {
      duplicate: String(duplicate.slug),
      confirm: 'yes',
    });
    expect(merged.status).toBe(303);
    expect(merged.headers['location']).toBe(`/secretariat/organisations/${kept.slug}`);
    expect((await agent.get(`/secretariat/organisations/${kept.slug}`)).text).toContain(
      'Beacon Security Ltd was merged into Beacon Security.',
    );

    expect(await Organisation.exists({ _id: duplicate._id })).toBeNull();
    const stored = await Organisation.findById(kept._id).lean();
    expect(stored?.formerSlugs).toEqual([duplicate.slug]);
    expect(stored?.website).toBe('https://beacon-ltd.example/');
    expect(stored?.domains).toEqual(['beacon.example', 'beacon-ltd.example']);
    expect(stored?.memberships.map((m) => [m.initiative, m.joinedAt?.toISOString()])).toEqual([
      ['tech-accord', '2019-05-01T00:00:00.000Z'],
      ['paris-call', '2020-02-01T00:00:00.000Z'],
    ]);
    expect(stored?.initiatives).toEqual(['paris-call', 'tech-accord']);
    expect(stored?.commitments).toEqual([
      'paris-call:protect-the-internet',
      'tech-accord:capacity-building',
      'tech-accord:no-offence',
    ]);

    const history = await Pledge.find({ organisation: kept._id, initiative: 'tech-accord' })
      .sort({ version: 1 })
      .lean();
    expect(history.map((p) => [p.version, p.statement])).toEqual([
      [1, 'Kept first'],
      [2, 'Duplicate first'],
      [3, 'Duplicate latest'],
    ]);
    expect(await Pledge.countDocuments({ organisation: kept._id, initiative: 'paris-call' })).toBe(1);
    const evidence = await Evidence.find({ organisation: kept._id }).lean();
    expect(evidence.map((e) => `${e.kind} ${e.subject}`).sort()).toEqual([
      'dmarc beacon.example',
      'spf beacon-ltd.example',
    ]);
    expect(String((await User.findById(member._id).lean())?.organisation)).toBe(String(kept._id));
    expect(await Relationship.countDocuments({ 'from.organisation': kept._id, 'from.name': 'Beacon Security' })).toBe(1);

    const event = await AuditEvent.findOne({ action: 'organisation.merged' }).lean();
    expect(event).toMatchObject({
      organisation: kept._id,
      subject: { kind: 'organisation', id: String(kept._id) },
      before: { removed: { slug: duplicate.slug, name: 'Beacon Security Ltd' } },
      after: { moved: { pledges: 3, evidence: { moved: 1, droppedAsDuplicates: 1 }, users: 1 } },
    });

    // Audit events are append-only: those about the duplicate keep its id, which resolves to the kept
    // organisation through its merged ids. Nothing else anywhere refers to the duplicate.
    const references = await referencesTo(duplicate._id);
    const elsewhere = references.filter(
      (where) =>
        !where.startsWith('auditevents:') && where !== `organisations:${String(kept._id)}.mergedIds.0`,
    );
    expect(elsewhere).toEqual([]);
    expect(references).toContain(`organisations:${String(kept._id)}.mergedIds.0`);
    const resolved = await Organisation.findOne({
      $or: [{ _id: duplicate._id }, { mergedIds: duplicate._id }],
    }).lean();
    expect(String(resolved?._id)).toBe(String(kept._id));
    expect(
      await AuditEvent.countDocuments({ organisation: duplicate._id, action: 'organisation.status-changed' }),
    ).toBe(1);
    const keptLog = await agent.get(`/secretariat/audit.csv?organisation=${kept.slug}`);
    expect(keptLog.status).toBe(200);
    expect(keptLog.text).toContain('organisation.status-changed');
    expect(keptLog.text).toContain('Duplicate entry');

    const old = await testApp.agent().get(`/signatories/${duplicate.slug}`);
    expect(old.status).toBe(301);
    expect(old.headers['location']).toBe(`/signatories/${kept.slug}`);
    const profile = await testApp.agent().get(`/signatories/${kept.slug}`);
    expect(profile.text).toContain('Duplicate latest');
    expect((await testApp.agent().get(`/signatories/${duplicate.slug}-not-merged`)).status).toBe(404);
  });

  it('refuses without the form token and for a duplicate that does not exist', async () => {
    const kept = await makeOrganisation({ name: 'Lantern Org' });
    const agent = testApp.agent();
    await signInStaff(agent, await makeStaffUser());
    const mergePage = `/secretariat/organisations/${kept.slug}/merge`;
    await fetchCsrf(agent, mergePage);
    expect((await agent.post(mergePage).type('form').send({ duplicate: 'x', confirm: 'yes' })).status).toBe(
      403,
    );
    const missing = await postForm(agent, mergePage, mergePage, {
      duplicate: 'no-such-organisation',
      confirm: 'yes',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('That organisation no longer exists');
    const french = await agent.get(`${mergePage}?lang=fr`);
    expect(french.text).toContain('Fusionner un doublon dans Lantern Org');
  });
});
