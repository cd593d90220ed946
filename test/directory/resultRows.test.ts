import { systemActor } from '../../src/audit/actor';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

/** The one result naming Ericsson on a list page, as sent. */
async function ericssonResult(path: string): Promise<string> {
  const { text, status } = await testApp.agent().get(path);
  expect(status).toBe(200);
  const results = [...text.matchAll(/<li class="result">[\s\S]*?<\/li>/g)].map((match) => match[0]);
  const found = results.filter((result) => result.includes('href="/signatories/ericsson"'));
  expect(found).toHaveLength(1);
  return found[0] ?? '';
}

const LISTINGS = [
  '/signatories?q=ericsson',
  '/signatories?sort=country&order=desc&size=100',
  '/signatories?country=SE',
];

describe('results rendered once per organisation and language', () => {
  it('shows the same result in every listing, in the page language', async () => {
    const english = await Promise.all(LISTINGS.map((path) => ericssonResult(path)));
    expect(new Set(english).size).toBe(1);
    expect(english[0]).toContain('Sweden');
    expect(english[0]).toContain('joined 1 June 2019');

    const french = await Promise.all(LISTINGS.map((path) => ericssonResult(`${path}&lang=fr`)));
    expect(new Set(french).size).toBe(1);
    expect(french[0]).toContain('Suède');
    expect(french[0]).not.toContain('Sweden');
  });

  it('follows an edit of the organisation in both languages, in listings already seen', async () => {
    for (const path of LISTINGS) {
      await ericssonResult(path);
      await ericssonResult(`${path}&lang=fr`);
    }
    const ericsson = await Organisation.findBySlug('ericsson').lean();
    if (!ericsson) throw new Error('fixture organisation ericsson missing');
    await testApp.services.organisations.edit(systemActor('test'), ericsson._id, {
      name: 'Ericsson Group',
      country: 'SE',
      category: ericsson.category ?? null,
      sector: 'research',
      website: ericsson.website ?? null,
      domains: [...ericsson.domains],
      description: ericsson.description ?? '',
    });

    for (const path of LISTINGS) {
      const english = await ericssonResult(path);
      expect(english).toContain('>Ericsson Group</a>');
      expect(english).toContain('Research centre or think tank');
      const french = await ericssonResult(`${path}&lang=fr`);
      expect(french).toContain('>Ericsson Group</a>');
      expect(french).toContain('Centre de recherche ou think tank');
    }
  });
});
