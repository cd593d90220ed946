import request from 'supertest';
import { createApp } from '../../src/app';
import { secondServices } from '../helpers/app';
import { bumpRegistryVersion } from '../../src/models/registryVersion';
import { importCsv } from '../../src/import';
import { testWriter } from '../helpers/writer';
import { createLogger } from '../../src/logger';
import { Organisation } from '../../src/models/organisation';
import { systemActor } from '../../src/audit/actor';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry, resultSlugs } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

const get = (path: string) => testApp.agent().get(path);

describe('HTTP caching of anonymous pages', () => {
  it.each(['/', '/signatories?country=FR', '/signatories/microsoft', '/initiatives/tech-accord'])(
    '%s has a weak ETag and Last-Modified, and answers 304 to a matching If-None-Match',
    async (path) => {
      const first = await get(path);
      const etag = first.headers['etag'] ?? '';
      expect(etag).toMatch(/^W\/"[^"]+"$/);
      expect(first.headers['last-modified']).toBeDefined();
      const again = await get(path).set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    },
  );

  it('gives each language and each query its own ETag', async () => {
    const tags = await Promise.all(
      ['/signatories?lang=en', '/signatories?lang=fr', '/signatories?country=FR&lang=en'].map(
        async (path) => (await get(path)).headers['etag'],
      ),
    );
    expect(new Set(tags).size).toBe(3);
  });

  it('gives equal queries written differently the same ETag', async () => {
    const canonical = await get('/signatories?country=FR&sort=joined');
    const reordered = await get('/signatories?sort=joined&q=&country=fr&order=desc');
    expect(reordered.headers['etag']).toBe(canonical.headers['etag']);
    expect(resultSlugs(reordered.text)).toEqual(resultSlugs(canonical.text));
  });
});

describe('what is not cached', () => {
  it('renders afresh an address with parameters the page ignores, so they never reach other readers', async () => {
    const first = await get('/signatories/microsoft?utm=first');
    const second = await get('/signatories/microsoft?utm=second');
    expect(first.text).toContain('utm=first');
    expect(second.text).toContain('utm=second');
    expect(second.text).not.toContain('utm=first');
    expect(second.headers['etag'] ?? '').not.toMatch(/^W\/"\d+\.\d+-/);
    expect((await get('/signatories?junk=1')).text).not.toContain('junk=2');
    expect((await get('/signatories?junk=2')).text).toContain('junk=2');
  });
});

describe('invalidation', () => {
  it('shows an organisation imported after the page was cached, and changes the ETag', async () => {
    const before = await get('/signatories?q=nordlicht');
    expect(resultSlugs(before.text)).toEqual([]);
    await importCsv(
      'name,country,category,sector,website,joined,initiative\nNordlicht AG,DE,private-sector,company,,2024-01-01,tech-accord',
      { writer: testWriter() },
    );
    const after = await get('/signatories?q=nordlicht');
    expect(resultSlugs(after.text)).toEqual(['nordlicht-ag']);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    expect(
      (await get('/signatories?q=nordlicht').set('If-None-Match', before.headers['etag'] ?? '')).status,
    ).toBe(200);
  });

  it('shows a pledge change on every app server, the pledge service bumping the registry version', async () => {
    const second = createApp({
      config: testApp.config,
      logger: createLogger(testApp.config),
      services: secondServices(testApp),
    });
    const servers = [testApp.app, second];
    const path = '/signatories?commitment=paris-call:cyber-hygiene';
    for (const app of servers)
      expect(resultSlugs((await request(app).get(path)).text)).toEqual(['orange', 'societe-generale']);

    const estonia = await Organisation.findBySlug('republic-of-estonia').lean();
    if (!estonia) throw new Error('fixture missing');
    await testApp.services.pledges.savePledge(systemActor('test'), {
      organisation: estonia._id,
      initiative: 'paris-call',
      commitments: ['cyber-hygiene'],
      statement: 'Estonia adopts cyber hygiene.',
    });

    for (const app of servers) {
      expect(resultSlugs((await request(app).get(path)).text)).toEqual([
        'orange',
        'republic-of-estonia',
        'societe-generale',
      ]);
      expect((await request(app).get('/signatories/republic-of-estonia')).text).toContain(
        'Estonia adopts cyber hygiene.',
      );
      expect((await request(app).get('/initiatives/paris-call')).text).toContain(
        '>Adopted by 3 signatories</a>',
      );
    }
  });

  it('drops a withdrawn organisation from the list and the figures', async () => {
    const countBefore = /<dd>(\d+)<\/dd>/.exec((await get('/')).text)?.[1];
    await Organisation.updateOne({ slug: 'orange' }, { $set: { 'status.state': 'withdrawn' } });
    await bumpRegistryVersion();
    expect(resultSlugs((await get('/signatories?q=orange')).text)).toEqual([]);
    expect(/<dd>(\d+)<\/dd>/.exec((await get('/')).text)?.[1]).toBe(String(Number(countBefore) - 1));
  });
});
