import { StatisticsService } from '../../src/features/statistics/statisticsService';
import { statisticsSchema } from '../../src/features/statistics/statisticsSchema';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { bumpRegistryVersion } from '../../src/models/registryVersion';
import { warmServices } from '../../src/services';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from '../directory/fixtures';

let testApp: TestApp;
let service: StatisticsService;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
  service = new StatisticsService(testApp.services.directory.readModel);
});
afterAll(() => testApp.stop());

describe('statistics of the stored registry', () => {
  it('are loaded at server start, so the first visitor of the page waits for nothing', async () => {
    const shared = testApp.services.statistics;
    expect(shared.loads).toBe(0);
    await warmServices(testApp.services);
    expect(shared.loads).toBe(1);
    expect((await testApp.agent().get('/statistics')).status).toBe(200);
    expect((await testApp.agent().get('/signatories/microsoft/badge.svg')).status).toBe(200);
    expect(shared.loads).toBe(1);
  });

  it('reads memberships, domains and evidence of the active organisations', async () => {
    const { statistics, version } = await service.current();
    expect(statisticsSchema.parse(statistics)).toEqual(statistics);
    expect(version).toMatch(/\S/);
    expect(statistics.totals).toEqual({ signatories: 12, countries: 8, withoutCountry: 1 });
    expect(statistics.byCountry.slice(0, 2)).toEqual([
      { country: 'FR', count: 3 },
      { country: 'US', count: 2 },
    ]);
    expect(statistics.growth.months[0]).toBe('2018-04');
    expect(statistics.growth.months.at(-1)).toBe('2022-09');
    const finalCounts = statistics.growth.series.map((line) => line.cumulative.at(-1));
    expect(finalCounts).toEqual([4, 8]);
    const dmarc = Object.fromEntries(statistics.evidence.dmarc.levels.map((row) => [row.level, row.count]));
    expect(dmarc['reject']).toBe(1);
    // Nine organisations give a website; Microsoft's checked domain is its own.
    expect(statistics.evidence.dmarc.domains).toBe(9);
    expect(statistics.evidence.dmarc.unchecked).toBe(8);
  });

  it('follows the registry version: a withdrawn organisation and its evidence drop out', async () => {
    await Organisation.updateOne({ slug: 'microsoft' }, { $set: { 'status.state': 'withdrawn' } });
    await bumpRegistryVersion();
    const { statistics } = await service.current();
    expect(statistics.totals.signatories).toBe(11);
    expect(statistics.evidence.dmarc.levels.find((row) => row.level === 'reject')?.count).toBe(0);
    expect(await Evidence.countDocuments({ kind: 'dmarc' })).toBe(1);
  });

  it('narrows to one initiative', async () => {
    const { statistics } = await service.current('tech-accord');
    expect(statistics.totals.signatories).toBe(3);
    expect(statistics.byInitiative).toEqual([{ initiative: 'tech-accord', count: 3 }]);
  });
});
