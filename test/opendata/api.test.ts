import { bumpRegistryVersion } from '../../src/models/registryVersion';
import { generateSyntheticRegistry } from '../../src/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { systemWriter } from '../../src/services';
import { answerChecker, validateOpenApiDocument } from './openApi';
import { directorySlugs, loadOpenDataFixtures, SAMPLE_QUERIES } from './support';

let testApp: TestApp;
let check: ReturnType<typeof answerChecker>;

interface Page {
  total: number;
  page: number;
  links: { self: string; next: string | null; prev: string | null };
  organisations: { slug: string; memberships: { initiative: string }[] }[];
}

beforeAll(async () => {
  testApp = await startTestApp();
  await loadOpenDataFixtures(testApp);
  // Enough organisations for several pages of 20.
  await generateSyntheticRegistry(systemWriter(testApp.services, 'test'), 30);
  const document = await testApp.agent().get('/api/v1/openapi.json');
  check = answerChecker(document.body);
});
afterAll(() => testApp.stop());

/** Every API answer in these tests is checked against the OpenAPI document. */
async function api(
  path: string,
  template: string,
  expectedStatus = 200,
  headers: Record<string, string> = {},
) {
  const response = await testApp.agent().get(`/api/v1${path}`).set(headers);
  expect(response.status).toBe(expectedStatus);
  if (expectedStatus !== 304) {
    const mediaType = String(response.headers['content-type']).split(';')[0] ?? '';
    check(template, expectedStatus, mediaType, JSON.parse(response.text));
  }
  return response;
}

async function allPages(query: string): Promise<Page['organisations']> {
  const organisations: Page['organisations'] = [];
  let next: string | null = `/organisations${query}`;
  while (next) {
    const body = (await api(next, '/organisations')).body as Page;
    organisations.push(...body.organisations);
    next = body.links.next?.replace('/api/v1', '') ?? null;
  }
  return organisations;
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await testApp.agent().get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(validateOpenApiDocument(response.body)).toEqual({ valid: true, errors: null });
  });
});

describe('organisations', () => {
  it.each(SAMPLE_QUERIES)('lists what the directory lists, page by page, for "%s"', async (query) => {
    const expected = await directorySlugs(testApp, query);
    const pages = await allPages(query);
    expect(pages.map((organisation) => organisation.slug)).toEqual(expected);
  });

  it('gives the total and links to the next and previous pages', async () => {
    const first = (await api('/organisations?sort=joined', '/organisations')).body as Page;
    expect(first.total).toBeGreaterThan(40);
    expect(first.organisations).toHaveLength(20);
    expect(first.links).toEqual({
      self: '/api/v1/organisations?sort=joined',
      next: '/api/v1/organisations?sort=joined&page=2',
      prev: null,
    });
    const last = (await api('/organisations?sort=joined&page=3', '/organisations')).body as Page;
    expect(last.links.next).toBeNull();
    expect(last.links.prev).toBe('/api/v1/organisations?sort=joined&page=2');
  });

  it('equals the JSON download of the same query', async () => {
    for (const query of ['', '?country=FR', '?sort=joined&order=asc', '?initiative=paris-call']) {
      const download = JSON.parse((await testApp.agent().get(`/signatories.json${query}`)).text) as Page;
      expect(download.organisations).toEqual(await allPages(query));
    }
  });

  it('shows one organisation with its pledge history and evidence results', async () => {
    const response = await api('/organisations/microsoft', '/organisations/{slug}');
    expect(response.body).toMatchObject({
      slug: 'microsoft',
      country: 'US',
      evidenceLevel: 'verified',
      memberships: [
        {
          initiative: 'tech-accord',
          status: 'active',
          joinedOn: '2018-04-17',
          commitments: ['no-offence', 'stronger-defence'],
        },
      ],
      pledges: [
        {
          initiative: 'tech-accord',
          version: 2,
          current: true,
          commitments: ['stronger-defence', 'no-offence'],
        },
        { initiative: 'tech-accord', version: 1, current: false, commitments: ['stronger-defence'] },
      ],
      evidence: [
        {
          kind: 'dmarc',
          subject: 'microsoft.com',
          status: 'verified',
          latestResult: { level: 'reject', status: 'verified', checkedAt: '2026-10-01T00:00:00.000Z' },
        },
      ],
    });
    await api('/organisations/no-such-organisation', '/organisations/{slug}', 404);
  });
});

describe('initiatives and statistics', () => {
  it('lists the initiatives with commitments in English and French and their counts', async () => {
    const list = await api('/initiatives', '/initiatives');
    const techAccord = await api('/initiatives/tech-accord', '/initiatives/{slug}');
    expect(list.body.initiatives.map((item: { slug: string }) => item.slug)).toEqual([
      'tech-accord',
      'paris-call',
    ]);
    expect(list.body.initiatives[0]).toEqual(techAccord.body);
    expect(techAccord.body.commitments[1]).toMatchObject({
      code: 'no-offence',
      title: { en: 'No offence', fr: 'Pas d’attaque' },
    });
    const members = await allPages('?initiative=tech-accord');
    expect(techAccord.body.signatoryCount).toBe(members.length);
    const adopters = await allPages('?commitment=tech-accord:no-offence');
    expect(techAccord.body.commitments[1].adoptedBy).toBe(adopters.length);
    await api('/initiatives/unknown', '/initiatives/{slug}', 404);
  });

  it('gives the statistics, narrowed to an initiative on request', async () => {
    const all = await api('/statistics', '/statistics');
    const total = ((await api('/organisations', '/organisations')).body as Page).total;
    expect(all.body.totals.signatories).toBe(total);
    const parisCall = await api('/statistics?initiative=paris-call', '/statistics');
    expect(parisCall.body.initiative).toBe('paris-call');
    expect(parisCall.body.totals.signatories).toBe((await allPages('?initiative=paris-call')).length);
    const france = all.body.byCountry.find((row: { country: string }) => row.country === 'FR');
    expect(france.count).toBe((await allPages('?country=FR')).length);
  });
});

describe('bad requests', () => {
  it.each([
    ['/organisations?colour=blue', '/organisations', 'colour'],
    ['/organisations?country=France', '/organisations', 'country'],
    ['/organisations?size=7', '/organisations', 'size'],
    ['/organisations?page=0', '/organisations', 'page'],
    ['/organisations?sort=name&sort=joined', '/organisations', 'sort'],
    ['/organisations?lang=fr', '/organisations', 'lang'],
    ['/organisations/microsoft?expand=all', '/organisations/{slug}', 'expand'],
    ['/initiatives?page=2', '/initiatives', 'page'],
    ['/statistics?initiative=un', '/statistics', 'initiative'],
  ])('%s is a 400 problem document naming the parameter', async (path, template, name) => {
    const response = await api(path, template, 400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.text) as {
      status: number;
      title: string;
      invalidParams: { name: string }[];
    };
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(problem.invalidParams.map((item) => item.name)).toEqual([name]);
  });

  it('answers an unknown endpoint with a 404 problem document', async () => {
    const response = await testApp.agent().get('/api/v1/members');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses anything but reading: a write without a CSRF token never reaches it', async () => {
    const before = ((await api('/organisations', '/organisations')).body as Page).total;
    const response = await testApp.agent().post('/api/v1/organisations').send({ name: 'Intruder' });
    expect(response.status).toBe(403);
    expect(((await api('/organisations', '/organisations')).body as Page).total).toBe(before);
  });
});

describe('caching, CORS and sessions', () => {
  it('answers 304 to the current ETag and a new answer once the registry changes', async () => {
    for (const [path, template] of [
      ['/organisations?country=FR', '/organisations'],
      ['/organisations/microsoft', '/organisations/{slug}'],
      ['/statistics', '/statistics'],
    ] as const) {
      const first = await api(path, template);
      const etag = String(first.headers['etag']);
      expect(etag).toMatch(/^W\/".+"$/);
      await api(path, template, 304, { 'If-None-Match': etag });
      await bumpRegistryVersion();
      const renewed = await api(path, template, 200, { 'If-None-Match': etag });
      expect(renewed.headers['etag']).not.toBe(etag);
    }
  });

  it('is readable from any origin, without credentials, and sets no cookie', async () => {
    const response = await api('/organisations', '/organisations', 200, { Origin: 'https://elsewhere.test' });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['ratelimit-policy']).toContain('q=300; w=60');
    expect(response.headers['ratelimit']).toMatch(/^"300-in-1min"; r=\d+; t=\d+$/);
    const preflight = await testApp
      .agent()
      .options('/api/v1/organisations')
      .set('Origin', 'https://elsewhere.test');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('If-None-Match');
  });
});
