import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Activity } from '../../src/models/activity';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Initiative } from '../../src/models/initiative';
import { Organisation } from '../../src/models/organisation';
import { Pledge } from '../../src/models/pledge';
import { Relationship } from '../../src/models/relationship';
import { seedDataDir } from '../../src/seed/dataFiles';
import { seedOnFirstStart } from '../../src/seed/seedRegistry';
import { generateSyntheticRegistry } from '../../src/seed/synthetic';
import { systemWriter } from '../../src/services';
import { startTestApp, type TestApp } from '../helpers/app';
import { clearCollections } from './support/database';

// Imports of the real 1,222-row file through the audited path; generous on a loaded machine.
jest.setTimeout(180_000);

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.stop());
beforeEach(clearCollections);

/** The Tech Accord's webinar, two joint statements and three partnerships, linked to the registry's partners. */
async function expectTechAccordActivities() {
  const activities = await Activity.find({ initiative: 'tech-accord' }).sort({ slug: 1 }).lean();
  expect(activities.map((activity) => [activity.kind, activity.slug])).toEqual([
    ['statement', 'comments-to-the-un-high-level-panel-on-digital-cooperation'],
    ['partnership', 'partnership-with-the-global-cyber-alliance'],
    ['partnership', 'partnership-with-the-global-forum-on-cyber-expertise'],
    ['partnership', 'partnership-with-the-internet-society'],
    ['statement', 'support-for-the-paris-call-for-trust-and-security-in-cyberspace'],
    ['event', 'webinar-on-attacks-against-critical-infrastructure'],
  ]);
  for (const activity of activities) expect([activity.title.fr, activity.text.fr].every((text) => text.length > 20)).toBe(true);
  const webinar = activities.find((activity) => activity.kind === 'event')!;
  expect([webinar.date?.toISOString(), webinar.allDay]).toEqual(['2019-02-04T00:00:00.000Z', true]);
  const parisCall = activities.find((activity) => activity.slug.startsWith('support-for-the-paris-call'))!;
  expect(parisCall.date?.toISOString()).toBe('2018-11-12T00:00:00.000Z');
  const partners = await Organisation.find({ _id: { $in: activities.flatMap((a) => a.partners.map((p) => p.organisation)) } }, { name: 1 }).lean();
  expect(partners.map((partner) => partner.name.trim()).sort()).toEqual(['Global Cyber Alliance', 'Global Forum on Cyber Expertise', 'The Internet Society (ISOC)']);
  const gfce = await Organisation.findOne({ searchKey: 'global forum on cyber expertise' }, { slug: 1 }).lean();
  const page = await testApp.agent().get('/initiatives/tech-accord/activities/partnership-with-the-global-forum-on-cyber-expertise?lang=fr');
  expect(page.text).toContain('<h1>Partenariat avec le Global Forum on Cyber Expertise (GFCE)</h1>');
  expect(page.text).toContain(`<a href="/signatories/${gfce?.slug}">`);
  const list = (await testApp.agent().get('/initiatives/tech-accord/activities?lang=en')).text;
  for (const activity of activities) expect(list).toContain(activity.title.en);
  const audited = await AuditEvent.find({ action: 'activity.created' }).lean();
  expect(audited.map((event) => event.actor.label)).toEqual(Array(6).fill('system:seed'));
}

describe('seedOnFirstStart', () => {
  it('loads the real files and labelled demo content once', async () => {
    const first = await seedOnFirstStart({ writers: testApp.services, dataDir: seedDataDir() });
    expect(first.skipped).toBe(false);
    expect(first.missingFiles).toEqual([]);
    expect(first.imports.map(({ file, report }) => [file, report.rejected.length])).toEqual([
      ['paris-call-supporters.csv', 0],
      ['tech-accord-founders.csv', 0],
    ]);
    expect(await Organisation.countDocuments({ initiatives: 'paris-call', demo: false })).toBe(1222);
    expect(await Organisation.countDocuments({ demo: true })).toBe(2);
    expect(await Pledge.countDocuments({ demo: false })).toBe(0);
    expect(await Evidence.countDocuments({ demo: false })).toBe(0);
    expect(await Evidence.countDocuments({ demo: true })).toBeGreaterThan(0);
    const microsoft = await Organisation.findOne({ searchKey: 'microsoft' }).lean();
    expect(microsoft?.commitments).toHaveLength(4);
    // The CyberPeace Institute comes from the Paris Call file; the seed links to it rather than adding a copy.
    const cyberPeace = await Organisation.find({ searchKey: 'cyberpeace institute' }).lean();
    expect(cyberPeace.map((organisation) => organisation.initiatives)).toEqual([['paris-call', 'tech-accord']]);
    const funders = await Relationship.find({ kind: 'funds', 'to.organisation': cyberPeace[0]?._id }).sort({ _id: 1 }).lean();
    expect(funders.map((funding) => [funding.from?.name, funding.from?.organisation ? 'registry' : 'outside'])).toEqual([
      ['Microsoft', 'registry'],
      ['Hewlett Foundation', 'outside'],
      ['Mastercard', 'registry'],
      ['Facebook', 'registry'],
      ['Ford Foundation', 'outside'],
    ]);

    await expectTechAccordActivities();

    const counts = [await Organisation.countDocuments(), await Pledge.countDocuments(), await Activity.countDocuments()];
    const second = await seedOnFirstStart({ writers: testApp.services, dataDir: seedDataDir() });
    expect(second.skipped).toBe(true);
    expect(second.activities).toEqual([]);
    expect([await Organisation.countDocuments(), await Pledge.countDocuments(), await Activity.countDocuments()]).toEqual(counts);
  });

  it('still works with reference data only when the files are absent', async () => {
    const emptyDir = await mkdtemp(path.join(os.tmpdir(), 'seed-'));
    try {
      const report = await seedOnFirstStart({ writers: testApp.services, dataDir: emptyDir });
      expect(report.missingFiles).toEqual(['paris-call-supporters.csv', 'tech-accord-founders.csv']);
      expect(await Initiative.countDocuments()).toBe(2);
      expect(await Organisation.countDocuments({ demo: false })).toBe(0);
    } finally {
      await rm(emptyDir, { recursive: true });
    }
  });
});

describe('generateSyntheticRegistry', () => {
  it('creates the requested number of organisations and replaces an earlier run', async () => {
    await generateSyntheticRegistry(systemWriter(testApp.services, 'seed'), 250, { batchSize: 100 });
    await generateSyntheticRegistry(systemWriter(testApp.services, 'seed'), 300, { batchSize: 100 });
    expect(await Organisation.countDocuments({ origin: 'synthetic' })).toBe(300);
    const sample = await Organisation.findOne({ origin: 'synthetic' }).lean();
    expect(sample?.initiatives.length).toBeGreaterThan(0);
    expect(await Pledge.countDocuments()).toBeGreaterThanOrEqual(300);
    const withCommitment = await Organisation.countDocuments({ commitments: 'paris-call:cyber-hygiene' });
    expect(withCommitment).toBeGreaterThan(0);
  });
});
