import { Organisation } from '../../src/models/organisation';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
  await Organisation.updateOne(
    { slug: 'cisco' },
    {
      $set: { status: { state: 'withdrawn', reason: 'Left the initiative', since: new Date('2025-06-01') } },
    },
  );
});
afterAll(() => testApp.stop());

const get = (path: string, lang = 'en') =>
  testApp.agent().get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);

describe('signatory profile', () => {
  it('shows country, category, sector, website, memberships, commitments and pledge history', async () => {
    const response = await get('/signatories/microsoft');
    expect(response.status).toBe(200);
    const html = response.text;
    expect(html).toContain('<h1>Microsoft');
    expect(html).toContain('🇺🇸');
    expect(html).toContain('United States of America');
    expect(html).toContain('Private sector');
    expect(html).toContain('<a href="https://www.microsoft.com" rel="noopener nofollow">');
    expect(html).toContain('Joined on 17 April 2018');
    expect(html).toMatch(
      /Commitments adopted<\/h3>\s*<ul class="commitment-list commitment-list--adopted"><li>Stronger defence<\/li><li>No offence<\/li><\/ul>/,
    );
    expect(html).toMatch(
      /Commitments not adopted<\/h3>\s*<ul class="commitment-list commitment-list--not-adopted"><li>Capacity building<\/li><li>Collective action<\/li><\/ul>/,
    );
    expect(html).toContain('Version 2,');
    expect(html).toContain('Version 1,');
    expect(html).toContain('microsoft.com');
    expect(html).toContain('Verified');
    expect(html).toContain('1 October 2026');
  });

  it('is in French with localised country names', async () => {
    const html = (await get('/signatories/microsoft', 'fr')).text;
    expect(html).toContain('États-Unis');
    expect(html).toContain('Engagements adoptés');
    expect(html).toContain('Adhésion le 17 avril 2018');
  });

  it('says "international" when there is no country, and shows a public status with reason', async () => {
    expect((await get('/signatories/global-forum-on-cyber-expertise')).text).toContain('International');
    const withdrawn = (await get('/signatories/cisco')).text;
    expect(withdrawn).toContain('Withdrawn');
    expect(withdrawn).toContain('Left the initiative');
    expect((await get('/signatories')).text).not.toContain('/signatories/cisco"');
  });

  it.each([
    '/signatories/no-such-organisation',
    '/signatories/Microsoft',
    '/signatories/%24ne',
    `/signatories/${'a'.repeat(150)}`,
  ])('%s is a 404 page', async (path) => {
    const response = await testApp.agent().get(path).set('Accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.text).toContain('Page not found');
    expect(response.headers['etag'] ?? '').not.toMatch(/^W\/"\d+\.\d+-/);
  });
});

describe('initiative pages', () => {
  it('lists the commitments with their wording and how many adopted each, linked to the directory', async () => {
    const html = (await get('/initiatives/paris-call')).text;
    expect(html).toContain('Cyber hygiene');
    expect(html).toContain(
      '<a href="/signatories?commitment=paris-call%3Acyber-hygiene">Adopted by 2 signatories</a>',
    );
    expect(html).toContain('Adopted by 1 signatory');
    expect(html).toContain('Adopted by 0 signatories');
  });

  it('is in French', async () => {
    const html = (await get('/initiatives/tech-accord', 'fr')).text;
    expect(html).toContain('Une défense renforcée');
    expect(html).toContain('Nous protégerons tous nos utilisateurs et clients, partout.');
    expect(html).toContain('Adopté par 1 signataire');
  });

  it('lists both initiatives, and an unknown one is a 404', async () => {
    const list = (await get('/initiatives')).text;
    expect(list).toContain('href="/initiatives/tech-accord"');
    expect(list).toContain('href="/initiatives/paris-call"');
    expect((await testApp.agent().get('/initiatives/unknown')).status).toBe(404);
  });
});

describe('home page', () => {
  it('shows live figures and the newest members', async () => {
    const html = (await get('/')).text;
    expect(html).toContain('<a href="/signatories?initiative=paris-call">8 signatories</a>');
    expect(html).toContain('<a href="/signatories?initiative=tech-accord">3 signatories</a>');
    expect(html).toMatch(/Countries represented<\/dt>\s*<dd>8<\/dd>/);
    const newest = /Newest members[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    expect(newest.indexOf('alborg-netvaerk')).toBeLessThan(newest.indexOf('ville-de-montreal'));
  });
});

describe('translations', () => {
  it('every directory page renders in English and French without a missing key', async () => {
    testApp.missingTranslations.length = 0;
    const paths = [
      '/',
      '/signatories',
      '/signatories?country=FR&initiative=tech-accord',
      '/signatories?q=de&sort=joined&country[$ne]=1',
      '/signatories/microsoft',
      '/signatories/cisco',
      '/signatories/global-forum-on-cyber-expertise',
      '/initiatives',
      '/initiatives/tech-accord',
      '/initiatives/paris-call',
    ];
    for (const lang of ['en', 'fr']) {
      for (const path of paths) expect((await get(path, lang)).status).toBe(200);
    }
    expect(testApp.missingTranslations).toEqual([]);
  });

  it('formats counts in the reader’s language', async () => {
    expect((await get('/signatories?initiative=paris-call', 'fr')).text).toContain('8 signataires');
    expect((await get('/signatories?q=orange', 'fr')).text).toContain('1 signataire');
  });
});
