import type { Statistics } from '../../src/features/statistics/statisticsSchema';
import { StatisticsService } from '../../src/features/statistics/statisticsService';
import { importCsv } from '../../src/import';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from '../directory/fixtures';
import { mapSvg, shadedCountries, tableRows } from './htmlTables';
import { systemWriter } from '../../src/services';

let testApp: TestApp;
let service: StatisticsService;

// Two small states that have no shape at 1:110m, so the map marks them with a circle.
const SMALL_STATES_CSV = [
  'name,country,category,sector,website,joined,initiative',
  'Principauté Numérique,MC,private-sector,company,https://www.principaute.example,2021-03-15,paris-call',
  'Lion City Cyber,SG,private-sector,company,https://lioncity.example,2021-03-20,tech-accord',
].join('\n');

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
  await importCsv(SMALL_STATES_CSV, { writer: systemWriter(testApp.services, 'test') });
  service = testApp.services.statistics;
});
afterAll(() => testApp.stop());

const get = (path: string, lang = 'en') =>
  testApp.agent().get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);

describe('the statistics page', () => {
  it('draws a world map with one linked, titled country per country with signatories', async () => {
    const response = await get('/statistics');
    expect(response.status).toBe(200);
    const shaded = shadedCountries(response.text);
    // FR, US, CH, CA, EE, SE, DE, DK from the fixture, Monaco and Singapore added here.
    expect(shaded).toHaveLength(10);
    expect(shaded.map((country) => country.href).sort()).toEqual(
      ['CA', 'CH', 'DE', 'DK', 'EE', 'FR', 'MC', 'SE', 'SG', 'US'].map(
        (code) => `/signatories?country=${code}`,
      ),
    );
    expect(shaded).toContainEqual({
      href: '/signatories?country=FR',
      title: 'France: 3 signatories',
      circle: false,
    });
    expect(shaded.filter((country) => country.circle).map((country) => country.title)).toEqual([
      'Monaco: 1 signatory',
      'Singapore: 1 signatory',
    ]);
    // Every other country is drawn unshaded and unlinked.
    const unshaded = mapSvg(response.text).match(/class="world-map__country shade-0"/g) ?? [];
    expect(unshaded.length).toBeGreaterThan(150);
    expect(response.text).toContain('<a href="/statistics" aria-current="page">');
    expect(testApp.missingTranslations).toEqual([]);
  });

  it('holds in its tables the same numbers as the computed statistics', async () => {
    const html = (await get('/statistics')).text;
    const { statistics } = await service.current();
    expect(tableRows(html, 'countries-table').map(([, count]) => Number(count))).toEqual(
      statistics.byCountry.map((row) => row.count),
    );
    expect(tableRows(html, 'countries-table')[0]).toEqual(['France', '3']);
    expect(tableRows(html, 'initiatives-table')).toEqual([
      ['Cybersecurity Tech Accord', String(statistics.byInitiative[0]?.count)],
      ['Paris Call for Trust and Security in Cyberspace', String(statistics.byInitiative[1]?.count)],
    ]);
    expect(tableRows(html, 'categories-table').map(([, count]) => Number(count))).toEqual(
      statistics.byCategory.map((row) => row.count),
    );
    expect(tableRows(html, 'sectors-table').map(([, count]) => Number(count))).toEqual(
      statistics.bySector.map((row) => row.count),
    );
    const techAccordCommitments = tableRows(html, 'commitments-tech-accord-table');
    expect(techAccordCommitments).toEqual([
      ['Stronger defence', '2'],
      ['No offence', '1'],
      ['Capacity building', '1'],
      ['Collective action', '0'],
    ]);
    expect(tableRows(html, 'commitments-paris-call-table').map(([, count]) => Number(count))).toEqual(
      statistics.commitments.filter((row) => row.initiative === 'paris-call').map((row) => row.organisations),
    );
    const dmarc = Object.fromEntries(
      tableRows(html, 'dmarc-table').map(([label, count]) => [label, Number(count)]),
    );
    expect(dmarc).toEqual({
      Reject: 1,
      Quarantine: 0,
      'None (monitoring only)': 0,
      'No DMARC record': 0,
      'Not checked yet': statistics.evidence.dmarc.unchecked,
    });
    expect(tableRows(html, 'security-txt-table').at(-1)).toEqual([
      'Not checked yet',
      String(statistics.evidence.securityTxt.unchecked),
    ]);
    expect(html).toContain(`DMARC policy across ${statistics.evidence.dmarc.domains} domains`);
  });

  it('holds the same numbers as the read API', async () => {
    const html = (await get('/statistics?initiative=paris-call')).text;
    const api = await testApp.agent().get('/api/v1/statistics?initiative=paris-call');
    expect(api.status).toBe(200);
    const figures = api.body as Statistics;
    expect(tableRows(html, 'countries-table').map(([, count]) => Number(count))).toEqual(
      figures.byCountry.map((row) => row.count),
    );
    expect(tableRows(html, 'sectors-table').map(([, count]) => Number(count))).toEqual(
      figures.bySector.map((row) => row.count),
    );
    expect(tableRows(html, 'commitments-paris-call-table').map(([, count]) => Number(count))).toEqual(
      figures.commitments.map((row) => row.organisations),
    );
    expect(tableRows(html, 'dmarc-table').at(-1)?.[1]).toBe(String(figures.evidence.dmarc.unchecked));
  });

  it('tabulates growth for every month in which a count changed', async () => {
    const html = (await get('/statistics')).text;
    const { growth } = (await service.current()).statistics;
    const rows = tableRows(html, 'growth-table');
    expect(rows[0]).toEqual(['April 2018', '2', '0']);
    expect(rows.at(-1)).toEqual(['September 2022', '5', '9']);
    for (const row of rows) {
      const index = growth.months.findIndex((month) => new RegExp(monthName(month)).test(row[0] ?? ''));
      expect(row.slice(1).map(Number)).toEqual(growth.series.map((series) => series.cumulative[index]));
    }
    expect(html).toMatch(/<polyline class="line-chart__line line-chart__line--1"/);
    expect(html).toContain('Tech Accord: 5');
  });

  it('narrows the map and every table to one initiative', async () => {
    const html = (await get('/statistics?initiative=tech-accord')).text;
    const shaded = shadedCountries(html);
    expect(shaded.map((country) => country.href).sort()).toEqual([
      '/signatories?initiative=tech-accord&country=DK',
      '/signatories?initiative=tech-accord&country=SE',
      '/signatories?initiative=tech-accord&country=SG',
      '/signatories?initiative=tech-accord&country=US',
    ]);
    expect(html).toContain('<a class="chip" href="/statistics?initiative=tech-accord" aria-current="page">');
    expect(html).not.toContain('id="commitments-paris-call-table"');
    expect(tableRows(html, 'initiatives-table')).toEqual([['Cybersecurity Tech Accord', '5']]);
  });

  it('says so when the initiative is not one it knows, and shows every initiative', async () => {
    const response = await get('/statistics?initiative=%3Cscript%3E');
    expect(response.status).toBe(200);
    expect(response.text).toContain('is not one the registry knows');
    expect(response.text).not.toContain('<script>');
    expect(shadedCountries(response.text)).toHaveLength(10);
  });

  it('is in French, country names and numbers included', async () => {
    const html = (await get('/statistics', 'fr')).text;
    expect(html).toContain('<h1>Statistiques</h1>');
    expect(shadedCountries(html)).toContainEqual({
      href: '/signatories?country=DE',
      title: 'Allemagne : 1 signataire',
      circle: false,
    });
    expect(tableRows(html, 'growth-table')[0]?.[0]).toBe('avril 2018');
    expect(testApp.missingTranslations).toEqual([]);
  });

  it('is linked from the main navigation', async () => {
    const html = (await get('/')).text;
    expect(html).toMatch(/<nav class="site-nav"[\s\S]*<a href="\/statistics">Statistics<\/a>/);
  });

  it('is cached by registry version: 304 while unchanged, new figures after a change', async () => {
    const first = await get('/statistics');
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^W\//);
    const again = await testApp.agent().get('/statistics?lang=en').set('If-None-Match', String(etag));
    expect(again.status).toBe(304);
    await importCsv(
      [
        'name,country,category,sector,website,joined,initiative',
        'Nordnet,NO,private-sector,company,,2023-01-10,paris-call',
      ].join('\n'),
      { writer: systemWriter(testApp.services, 'test') },
    );
    const changed = await testApp.agent().get('/statistics?lang=en').set('If-None-Match', String(etag));
    expect(changed.status).toBe(200);
    expect(shadedCountries(changed.text)).toHaveLength(11);
  });
});

function monthName(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
