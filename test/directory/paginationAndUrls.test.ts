import { importCsv } from '../../src/import';
import { startTestApp, type TestApp } from '../helpers/app';
import { resultSlugs } from './fixtures';
import { testWriter } from '../helpers/writer';

let testApp: TestApp;
const COUNTRIES = ['FR', 'DE', 'US', ''];

beforeAll(async () => {
  testApp = await startTestApp();
  // 45 organisations: many share a name prefix, a country and a joined date, so sorts must break ties.
  const rows = Array.from({ length: 45 }, (_, index) => {
    const name = index % 3 === 0 ? `Acme Security ${index}` : `Zeta Networks ${index}`;
    const joined = `20${18 + (index % 4)}-0${1 + (index % 2)}-15`;
    return `${name},${COUNTRIES[index % 4]},private-sector,company,,${joined},paris-call`;
  });
  await importCsv(['name,country,category,sector,website,joined,initiative', ...rows].join('\n'), {
    writer: testWriter(),
  });
});
afterAll(() => testApp.stop());

async function get(path: string) {
  return testApp.agent().get(path).set('Accept', 'text/html');
}

function hrefs(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((match) => (match[1] ?? '').replace(/&amp;/g, '&'));
}

describe('pagination and sorting', () => {
  it.each([
    'sort=name',
    'sort=name&order=desc',
    'sort=joined',
    'sort=joined&order=asc',
    'sort=country',
    'sort=country&order=desc',
  ])('%s: pages cover every organisation exactly once, in the same order each time', async (sort) => {
    const pages = await Promise.all([1, 2, 3].map((page) => get(`/signatories?${sort}&page=${page}`)));
    const slugs = pages.flatMap((page) => resultSlugs(page.text));
    expect(slugs).toHaveLength(45);
    expect(new Set(slugs).size).toBe(45);
    const again = await get(`/signatories?${sort}&size=50`);
    expect(resultSlugs(again.text)).toEqual(slugs);
  });

  it.each(['sort=name', 'sort=joined&order=asc', 'sort=country&order=desc'])(
    '%s: the unfiltered list and a filter every organisation passes give the same pages',
    async (sort) => {
      for (const page of [1, 3]) {
        const unfiltered = resultSlugs((await get(`/signatories?${sort}&page=${page}`)).text);
        const filtered = resultSlugs(
          (await get(`/signatories?${sort}&page=${page}&initiative=paris-call`)).text,
        );
        expect(filtered).toEqual(unfiltered);
        expect(unfiltered.length).toBeGreaterThan(0);
      }
    },
  );

  it('marks the current page and links to the others', async () => {
    const response = await get('/signatories?page=2');
    expect(response.text).toMatch(/<a href="\/signatories\?page=2" aria-current="page"/);
    expect(response.text).toContain('href="/signatories" rel="prev"');
    expect(response.text).toContain('href="/signatories?page=3" rel="next"');
  });

  it('sends a page beyond the last to the last page', async () => {
    const response = await get('/signatories?size=20&page=99');
    expect(response.status).toBe(302);
    expect(response.headers['location']).toBe('/signatories?page=3');
  });
});

describe('the query lives in the URL', () => {
  const path = '/signatories?q=acme&country=FR&sort=joined&order=asc&size=50';

  it('links in the page reproduce the same results', async () => {
    const response = await get(path);
    const slugs = resultSlugs(response.text);
    expect(slugs.length).toBeGreaterThan(0);
    const [share] = hrefs(response.text, /<a href="([^"]+)">permanent link/g);
    expect(share).toBe('/signatories?q=acme&country=FR&sort=joined&order=asc&size=50');
    expect(resultSlugs((await get(share ?? '')).text)).toEqual(slugs);
  });

  it('the form carries the current query, so submitting it again gives the same results', async () => {
    const response = await get(path);
    const form = /<form[^>]*action="\/signatories"[\s\S]*?<\/form>/.exec(response.text)?.[0] ?? '';
    const params = new URLSearchParams();
    params.set(
      'q',
      /name="q"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="q"/.exec(form)?.slice(1).find(Boolean) ?? '',
    );
    for (const select of form.matchAll(/<select[^>]*name="([a-z]+)">([\s\S]*?)<\/select>/g)) {
      params.set(select[1] ?? '', /<option value="([^"]*)" selected>/.exec(select[2] ?? '')?.[1] ?? '');
    }
    expect(params.get('q')).toBe('acme');
    expect(params.get('country')).toBe('FR');
    expect(params.get('order')).toBe('asc');
    expect(resultSlugs((await get(`/signatories?${params.toString()}`)).text)).toEqual(
      resultSlugs(response.text),
    );
  });
});

describe('hostile or broken query strings', () => {
  const hostile = [
    '/signatories?country[$ne]=x',
    '/signatories?country=FR&country=DE',
    '/signatories?initiative[]=paris-call',
    '/signatories?page=-1',
    '/signatories?page=99999999',
    '/signatories?page=1e3',
    `/signatories?q=${'a'.repeat(10_000)}`,
    '/signatories?sort=__proto__',
    '/signatories?__proto__[x]=1&constructor=1',
    '/signatories?year=abc&size=7&evidence=%00',
    '/signatories?commitment=paris-call:unknown&category=$where',
    '/signatories?q=%E0%A4%A&q=x',
    '/signatories?q=%00%01%E2%80%8B',
    '/signatories?q=.*&q2=(',
  ];

  it.each(hostile)('%s is answered without an error and shows every signatory', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.text).toContain('45 signatories');
  });

  it('names the parameters it ignored', async () => {
    const response = await get('/signatories?country[$ne]=x&page=-1&sort=__proto__');
    expect(response.text).toContain('were ignored: country[$ne], page, sort.');
  });

  it('treats regular expression characters in a search as text', async () => {
    expect(resultSlugs((await get('/signatories?q=acme.*')).text)).toHaveLength(15);
    expect((await get('/signatories?q=%5E.*')).text).toContain('45 signatories');
  });
});
