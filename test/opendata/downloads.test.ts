import { startTestApp, type TestApp } from '../helpers/app';
import {
  directorySlugs,
  INJECTION_NAME,
  INJECTION_SLUG,
  loadOpenDataFixtures,
  parseCsv,
  SAMPLE_QUERIES,
} from './support';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadOpenDataFixtures(testApp);
});
afterAll(() => testApp.stop());

const get = (path: string) => testApp.agent().get(path);

describe('CSV download of a directory query', () => {
  it.each(SAMPLE_QUERIES)('holds exactly the directory results, in order, for "%s"', async (query) => {
    const expected = await directorySlugs(testApp, query);
    const response = await get(`/signatories.csv${query}`);
    expect(response.status).toBe(200);
    const rows = parseCsv(response.text);
    expect(rows.map((row) => row['slug'])).toEqual(expected);
    expect(response.headers['x-total-count']).toBe(String(expected.length));
  });

  it('is RFC 4180 with a byte order mark, a header row and CRLF line ends', async () => {
    const response = await get('/signatories.csv?country=FR');
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="?signatories-\d{4}-\d\d-\d\d\.csv"?$/,
    );
    expect(
      response.text.startsWith('\uFEFFslug,name,country,category,sector,website,status,evidence_level,'),
    ).toBe(true);
    expect(response.text.split('\r\n').length).toBe(1 + 3 + 1);
    expect(response.text).not.toMatch(/[^\r]\n/);
  });

  it('keeps accents and puts commitments in one ;-separated column per initiative', async () => {
    const rows = parseCsv((await get('/signatories.csv')).text);
    const bySlug = new Map(rows.map((row) => [row['slug'], row]));
    expect(bySlug.get('societe-generale')?.['name']).toBe('Société Générale');
    expect(bySlug.get('alborg-netvaerk')?.['name']).toBe('Ålborg Netværk');
    expect(bySlug.get('microsoft')).toMatchObject({
      country: 'US',
      category: 'private-sector',
      status: 'active',
      evidence_level: 'verified',
      tech_accord_status: 'active',
      tech_accord_joined_on: '2018-04-17',
      tech_accord_commitments: 'no-offence;stronger-defence',
      paris_call_status: '',
      paris_call_commitments: '',
      demo: 'false',
      profile_url: '/signatories/microsoft',
    });
    expect(bySlug.get('orange')?.['paris_call_commitments']).toBe('cyber-hygiene;protect-the-internet');
  });

  it('neutralises cells a spreadsheet would read as formulas', async () => {
    const rows = parseCsv((await get('/signatories.csv?country=GB')).text);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.['slug']).toBe(INJECTION_SLUG);
    expect(rows[0]?.['name']).toBe(`'${INJECTION_NAME}`);
    expect(rows[0]?.['website']).toBe("'-https://attacker.test");
  });

  it('states its licence and generation time in the headers', async () => {
    const before = Date.now();
    const response = await get('/signatories.csv');
    expect(response.headers['link']).toBe(
      '<https://creativecommons.org/licenses/by/4.0/>; rel="license"; title="CC BY 4.0"',
    );
    const generatedAt = Date.parse(String(response.headers['x-generated-at']));
    expect(generatedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('refuses a parameter the directory does not know or a bad value with a 400 problem document', async () => {
    for (const query of ['?country=France', '?colour=blue', '?year=99999']) {
      const response = await get(`/signatories.csv${query}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(response.text) as { status: number; invalidParams: { name: string }[] };
      expect(problem.status).toBe(400);
      expect(problem.invalidParams.map((item) => item.name)).toEqual([query.slice(1).split('=')[0]]);
    }
  });
});

describe('JSON download of a directory query', () => {
  it.each(SAMPLE_QUERIES)(
    'holds exactly the directory results with licence and time for "%s"',
    async (query) => {
      const expected = await directorySlugs(testApp, query);
      const response = await get(`/signatories.json${query}`);
      expect(response.status).toBe(200);
      const body = JSON.parse(response.text) as {
        licence: { name: string; url: string };
        generatedAt: string;
        query: string;
        total: number;
        organisations: { slug: string }[];
      };
      expect(body.organisations.map((organisation) => organisation.slug)).toEqual(expected);
      expect(body.total).toBe(expected.length);
      expect(body.licence).toEqual({
        name: 'CC BY 4.0',
        url: 'https://creativecommons.org/licenses/by/4.0/',
      });
      expect(body.generatedAt).toBe(response.headers['x-generated-at']);
    },
  );
});

describe('directory page', () => {
  it('links to both downloads for the current query', async () => {
    const response = await get('/signatories?country=FR&sort=joined&page=1&lang=en');
    expect(response.text).toContain('href="/signatories.csv?country=FR&amp;sort=joined"');
    expect(response.text).toContain('href="/signatories.json?country=FR&amp;sort=joined"');
  });
});
