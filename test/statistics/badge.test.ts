import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Organisation } from '../../src/models/organisation';
import { bumpRegistryVersion } from '../../src/models/registryVersion';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from '../directory/fixtures';
import { decode } from './htmlTables';

let testApp: TestApp;
const BASE_URL = 'https://registry.example.org';

beforeAll(async () => {
  testApp = await startTestApp({ env: { BASE_URL } });
  await loadFixtureRegistry(testApp.services);
  // A second membership, joined later, for a badge per initiative.
  await Organisation.updateOne(
    { slug: 'microsoft' },
    {
      $push: {
        memberships: { initiative: 'paris-call', joinedAt: new Date('2019-02-01'), status: 'active' },
      },
    },
  );
  await Organisation.updateOne({ slug: 'cisco' }, { $set: { 'status.state': 'withdrawn' } });
  await bumpRegistryVersion();
});
afterAll(() => testApp.stop());

/** Fetches a badge, keeping its body as text (supertest buffers only text types by default). */
const badge = (path: string, acceptLanguage?: string) => {
  const request = testApp.agent().get(path);
  if (acceptLanguage) request.set('Accept-Language', acceptLanguage);
  return request.buffer(true).parse((response, callback) => {
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (body += chunk));
    response.on('end', () => callback(null, body));
  });
};
const bodyOf = (response: { body: unknown }) => String(response.body);

function parseSvg(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text) as {
    svg: { title: string; a: { href: string; text: { '#text': string } } };
  };
}

describe('the signatory badge', () => {
  it('is a small SVG naming the initiative and the year, linking back to the profile', async () => {
    const response = await badge('/signatories/orange/badge.svg?lang=en');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = parseSvg(bodyOf(response)).svg;
    expect(svg.title).toBe('Signatory of the Paris Call since 2018');
    expect(svg.a.href).toBe('/signatories/orange');
    expect(svg.a.text['#text']).toBe('Signatory of the Paris Call since 2018');
    // Embedded with <img> on other sites.
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('shows the first initiative signed by default, another one on request', async () => {
    expect(parseSvg(bodyOf(await badge('/signatories/microsoft/badge.svg?lang=en'))).svg.title).toBe(
      'Signatory of the Cybersecurity Tech Accord since 2018',
    );
    const parisCall = await badge('/signatories/microsoft/badge.svg?initiative=paris-call&lang=en');
    expect(parseSvg(bodyOf(parisCall)).svg.title).toBe('Signatory of the Paris Call since 2019');
  });

  it('speaks French with ?lang=fr or Accept-Language', async () => {
    const byQuery = await badge('/signatories/orange/badge.svg?lang=fr');
    expect(parseSvg(bodyOf(byQuery)).svg.title).toBe('Signataire de l’Appel de Paris depuis 2018');
    const byHeader = await testApp
      .agent()
      .get('/signatories/orange/badge.svg')
      .set('Accept-Language', 'fr-CA,fr;q=0.9');
    expect(parseSvg(bodyOf(byHeader)).svg.title).toBe('Signataire de l’Appel de Paris depuis 2018');
    expect(byHeader.headers['vary']).toMatch(/Accept-Language/);
  });

  it('answers 404 for unknown slugs, former signatories and initiatives not signed', async () => {
    for (const path of [
      '/signatories/no-such-organisation/badge.svg',
      '/signatories/cisco/badge.svg',
      '/signatories/orange/badge.svg?initiative=tech-accord',
      '/signatories/orange/badge.svg?initiative=%3Cscript%3E',
      '/signatories/ORANGE%00/badge.svg',
    ]) {
      expect((await badge(path)).status).toBe(404);
    }
  });

  it('is cacheable by registry version', async () => {
    const first = await badge('/signatories/orange/badge.svg?lang=en');
    const etag = String(first.headers['etag']);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    const again = await testApp
      .agent()
      .get('/signatories/orange/badge.svg?lang=en')
      .set('If-None-Match', etag);
    expect(again.status).toBe(304);
    await bumpRegistryVersion();
    const after = await testApp
      .agent()
      .get('/signatories/orange/badge.svg?lang=en')
      .set('If-None-Match', etag);
    expect(after.status).toBe(200);
  });

  it('is offered on the profile with an embed snippet to copy', async () => {
    const html = (await testApp.agent().get('/signatories/microsoft?lang=en')).text;
    expect(html).toContain('<h2 id="badge-title">Badge for your website</h2>');
    expect(html).toContain(
      '<img src="/signatories/microsoft/badge.svg?lang=en" alt="Signatory of the Cybersecurity Tech Accord since 2018"',
    );
    const snippets = [
      ...html.matchAll(/<textarea[^>]*class="badge-embed__snippet"[^>]*>([^<]*)<\/textarea>/g),
    ].map((match) => decode(match[1] ?? ''));
    expect(snippets).toEqual([
      `<a href="${BASE_URL}/signatories/microsoft"><img src="${BASE_URL}/signatories/microsoft/badge.svg?lang=en" alt="Signatory of the Cybersecurity Tech Accord since 2018" width="${widthOf(snippets[0])}" height="28"></a>`,
      `<a href="${BASE_URL}/signatories/microsoft"><img src="${BASE_URL}/signatories/microsoft/badge.svg?initiative=paris-call&amp;lang=en" alt="Signatory of the Paris Call since 2019" width="${widthOf(snippets[1])}" height="28"></a>`,
    ]);
    const french = (await testApp.agent().get('/signatories/orange?lang=fr')).text;
    expect(french).toContain('alt="Signataire de l’Appel de Paris depuis 2018"');
    const withdrawn = (await testApp.agent().get('/signatories/cisco?lang=en')).text;
    expect(withdrawn).not.toContain('badge-title');
  });

  it('has the width the snippet announces', async () => {
    const svg = bodyOf(await badge('/signatories/microsoft/badge.svg?lang=en'));
    const html = (await testApp.agent().get('/signatories/microsoft?lang=en')).text;
    const announced = /alt="Signatory of the Cybersecurity Tech Accord since 2018" width="(\d+)"/.exec(
      html,
    )?.[1];
    expect(svg).toContain(`width="${announced}" height="28"`);
  });
});

function widthOf(snippet: string | undefined): string {
  return /width="(\d+)"/.exec(snippet ?? '')?.[1] ?? 'missing';
}
