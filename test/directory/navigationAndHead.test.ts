import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from './fixtures';

const currentSection = (html: string) =>
  [...html.matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((match) => match[1]);
const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]*)">/.exec(html)?.[1];

describe('without BASE_URL', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
    await loadFixtureRegistry(testApp.services);
  });
  afterAll(() => testApp.stop());

  it.each([
    ['/signatories?country=fr', '/signatories', '/signatories?country=FR'],
    ['/signatories/microsoft', '/signatories', '/signatories/microsoft'],
    ['/initiatives/paris-call', '/initiatives', '/initiatives/paris-call'],
    ['/initiatives', '/initiatives', '/initiatives'],
  ])(
    '%s marks its section in the main navigation and links its relative canonical address',
    async (path, section, canonical) => {
      const html = (await testApp.agent().get(path)).text;
      expect(currentSection(html)).toEqual([section]);
      expect(canonicalOf(html)).toBe(canonical);
    },
  );

  it('names the sections in the reader’s language and marks none on the home page', async () => {
    const html = (await testApp.agent().get('/?lang=fr')).text;
    expect(html).toContain('<a href="/signatories">Signataires</a>');
    expect(html).toContain('<a href="/initiatives">Initiatives</a>');
    expect(currentSection(html)).toEqual([]);
    expect(canonicalOf(html)).toBe('/');
  });

  it('has no canonical link on a page that does not give one', async () => {
    expect(canonicalOf((await testApp.agent().get('/no-such-page')).text)).toBeUndefined();
  });
});

describe('with BASE_URL', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { BASE_URL: 'https://registry.example.org' } });
    await loadFixtureRegistry(testApp.services);
  });
  afterAll(() => testApp.stop());

  it('makes the canonical address absolute and keeps the visible share link', async () => {
    const html = (await testApp.agent().get('/signatories?sector=company&sort=joined')).text;
    const canonical = 'https://registry.example.org/signatories?sector=company&amp;sort=joined';
    expect(canonicalOf(html)).toBe(canonical);
    expect(html).toContain(`<a href="${canonical}">`);
  });
});
