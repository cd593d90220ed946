import type { Types } from 'mongoose';
import { StatisticsService } from '../../src/features/statistics/statisticsService';
import { Evidence } from '../../src/models/evidence';
import { MeasuredEvidence } from '../../src/models/measuredEvidence';
import { Organisation } from '../../src/models/organisation';
import { bumpRegistryVersion } from '../../src/models/registryVersion';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from '../directory/fixtures';

jest.setTimeout(120_000);

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

async function organisationId(slug: string): Promise<Types.ObjectId> {
  const organisation = await Organisation.findBySlug(slug).lean();
  if (!organisation) throw new Error(`fixture organisation ${slug} missing`);
  return organisation._id;
}

const result = (level: string, day: number) => {
  const checkedAt = new Date(Date.UTC(2026, 9, day));
  return { level, details: {}, problems: [], status: 'verified', checkedAt };
};

describe('statistics kept between registry versions', () => {
  it('read only the changed evidence, and give exactly the figures a fresh read gives', async () => {
    const kept = new StatisticsService(testApp.services.directory.readModel);
    const expectSameAsFreshRead = async () => {
      const fresh = new StatisticsService(testApp.services.directory.readModel);
      const { statistics } = await kept.current();
      expect(statistics).toEqual((await fresh.current()).statistics);
      return statistics;
    };
    const first = await expectSameAsFreshRead();
    expect(first.evidence.dmarc.levels.find((row) => row.level === 'reject')?.count).toBe(1);
    const changed = async () => {
      await bumpRegistryVersion();
      return expectSameAsFreshRead();
    };

    const orange = await organisationId('orange');
    await Evidence.create({ organisation: orange, kind: 'dmarc', subject: 'orange.com', status: 'verified', latestResult: result('quarantine', 2), checkedAt: new Date(), history: [] });
    const added = await changed();
    expect(added.evidence.dmarc.levels.find((row) => row.level === 'quarantine')?.count).toBe(1);
    expect(kept.evidence.patches).toBe(1);

    await Evidence.updateOne({ subject: 'microsoft.com' }, { $set: { latestResult: result('none', 3) } });
    const levelChanged = await changed();
    expect(levelChanged.evidence.dmarc.levels.find((row) => row.level === 'reject')?.count).toBe(0);
    expect(kept.evidence.patches).toBe(2);

    const cisco = await organisationId('cisco');
    await MeasuredEvidence.create({ organisation: cisco, domain: 'cisco.com', check: 'security-txt', origin: 'website', status: 'verified', latestResult: result('valid', 4), checkedAt: new Date() });
    const measured = await changed();
    expect(measured.evidence.securityTxt.levels.find((row) => row.level === 'valid')?.count).toBe(1);
    await MeasuredEvidence.updateOne({ domain: 'cisco.com' }, { $set: { notOurs: { by: 'member@example.org', at: new Date() } } });
    const notOurs = await changed();
    expect(notOurs.evidence.securityTxt.levels.find((row) => row.level === 'valid')?.count).toBe(0);
    expect(kept.evidence.patches).toBe(4);

    // A deletion leaves fewer documents than kept: everything is read again.
    await Evidence.deleteOne({ subject: 'orange.com' });
    const deleted = await changed();
    expect(deleted.evidence.dmarc.levels.find((row) => row.level === 'quarantine')?.count).toBe(0);
    expect(kept.evidence.patches).toBe(4);
  });
});
