import { directoryFilter, type DirectoryFilters } from '../../src/models/directoryQuery';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry, resultSlugs } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

async function slugsAt(path: string): Promise<string[]> {
  const response = await testApp.agent().get(path);
  expect(response.status).toBe(200);
  return resultSlugs(response.text);
}

/** The same filters answered by MongoDB through the models' indexed query, sorted by name. */
async function expectedSlugs(filters: DirectoryFilters): Promise<string[]> {
  const docs = await Organisation.find(directoryFilter(filters)).sort({ searchKey: 1, _id: 1 }).lean();
  return docs.map((doc) => doc.slug);
}

const singleFilters: [string, DirectoryFilters][] = [
  ['initiative=tech-accord', { initiative: 'tech-accord' }],
  ['initiative=paris-call', { initiative: 'paris-call' }],
  ['country=FR', { country: 'FR' }],
  ['country=us', { country: 'US' }],
  ['category=civil-society', { category: 'civil-society' }],
  ['sector=company', { sector: 'company' }],
  ['commitment=paris-call:cyber-hygiene', { commitment: 'paris-call:cyber-hygiene' }],
  ['commitment=tech-accord:no-offence', { commitment: 'tech-accord:no-offence' }],
  ['evidence=verified', { evidenceLevel: 'verified' }],
  ['year=2018', { joinedYear: 2018 }],
];

describe('directory filters', () => {
  it.each(singleFilters)('%s narrows the list to what the database query finds', async (query, filters) => {
    const all = await slugsAt('/signatories?size=100');
    const filtered = await slugsAt(`/signatories?size=100&${query}`);
    expect(filtered).toEqual(await expectedSlugs(filters));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
  });

  it('combines filters with each other and with the search', async () => {
    const combined: [string, DirectoryFilters][] = [
      [
        'country=FR&initiative=paris-call&year=2019',
        { country: 'FR', initiative: 'paris-call', joinedYear: 2019 },
      ],
      [
        'sector=company&year=2018&initiative=tech-accord',
        { sector: 'company', joinedYear: 2018, initiative: 'tech-accord' },
      ],
      ['q=de&category=private-sector', { search: 'de', category: 'private-sector' }],
      [
        'country=US&commitment=tech-accord:no-offence',
        { country: 'US', commitment: 'tech-accord:no-offence' },
      ],
      ['country=FR&initiative=tech-accord', { country: 'FR', initiative: 'tech-accord' }],
    ];
    for (const [query, filters] of combined) {
      expect(await slugsAt(`/signatories?size=100&${query}`)).toEqual(await expectedSlugs(filters));
    }
    expect(await slugsAt('/signatories?country=FR&year=2019')).toEqual(['societe-generale']);
  });

  it('offers only values that some signatory has', async () => {
    const response = await testApp.agent().get('/signatories');
    const countries = /<select[^>]*name="country">([\s\S]*?)<\/select>/.exec(response.text)?.[1] ?? '';
    const offered = [...countries.matchAll(/value="([^"]*)"/g)].map((match) => match[1]).filter(Boolean);
    expect(offered.sort()).toEqual(['CA', 'CH', 'DE', 'DK', 'EE', 'FR', 'SE', 'US']);
    const evidence = /<select[^>]*name="evidence">([\s\S]*?)<\/select>/.exec(response.text)?.[1] ?? '';
    expect([...evidence.matchAll(/value="([^"]+)"/g)].map((match) => match[1]).sort()).toEqual([
      'none',
      'verified',
    ]);
  });

  it('shows an empty state with a way back, and each active filter with a link removing it', async () => {
    const response = await testApp.agent().get('/signatories?country=FR&initiative=tech-accord');
    expect(response.text).toContain('0 signatories');
    expect(response.text).toContain('No signatory matches this search.');
    expect(response.text).toContain('href="/signatories">Show all signatories');
    expect(response.text).toContain('href="/signatories?initiative=tech-accord"><span class="visually-hidden">Remove filter: Country');
    expect(response.text).toContain('href="/signatories?country=FR"><span class="visually-hidden">Remove filter: Initiative');
  });
});
