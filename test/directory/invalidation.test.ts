import { importCsv } from '../../src/import';
import { Organisation } from '../../src/models/organisation';
import { systemActor } from '../../src/audit/actor';
import { bumpRegistryVersion } from '../../src/models/registryVersion';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry, resultSlugs } from './fixtures';
import { testWriter } from '../helpers/writer';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

const get = (path: string) => testApp.agent().get(path);
const headlineCount = async () => /<dd[^>]*>(\d+)<\/dd>/.exec((await get('/')).text)?.[1];

async function idOf(slug: string) {
  const organisation = await Organisation.findBySlug(slug).lean();
  if (!organisation) throw new Error(`fixture organisation ${slug} missing`);
  return organisation._id;
}

describe('every service that changes the directory refreshes the pages already cached', () => {
  it('keeps serving the cached copy after a write that bypasses the services', async () => {
    const path = '/signatories?sector=academia';
    expect(resultSlugs((await get(path)).text)).toEqual(['universite-de-geneve']);
    await Organisation.updateOne({ slug: 'universite-de-geneve' }, { $set: { sector: 'company' } });
    expect(resultSlugs((await get(path)).text)).toEqual(['universite-de-geneve']);
    await bumpRegistryVersion();
    expect(resultSlugs((await get(path)).text)).toEqual([]);
  });

  it('shows a new pledge version on the list, the profile and the initiative page', async () => {
    const path = '/signatories?commitment=tech-accord:collective-action';
    expect(resultSlugs((await get(path)).text)).toEqual([]);
    expect((await get('/signatories/ericsson')).text).not.toContain('Ericsson acts together.');
    await get('/initiatives/tech-accord');

    await testApp.services.pledges.savePledge(systemActor('test'), {
      organisation: await idOf('ericsson'),
      initiative: 'tech-accord',
      commitments: ['collective-action'],
      statement: 'Ericsson acts together.',
    });

    expect(resultSlugs((await get(path)).text)).toEqual(['ericsson']);
    expect((await get('/signatories/ericsson')).text).toContain('Ericsson acts together.');
    expect((await get('/initiatives/tech-accord')).text).toContain('>Adopted by 1 signatory</a>');
  });

  it('drops an organisation withdrawn through the status service from the list, profile and figures', async () => {
    const before = Number(await headlineCount());
    expect(resultSlugs((await get('/signatories?q=telekom')).text)).toEqual(['deutsche-telekom']);
    expect((await get('/signatories/deutsche-telekom')).text).not.toContain('Left for good');

    const changed = await testApp.services.organisations.changeStatus(systemActor('test'), await idOf('deutsche-telekom'), {
      state: 'withdrawn',
      reason: 'Left for good',
    });

    expect(changed).toBe(true);
    expect(resultSlugs((await get('/signatories?q=telekom')).text)).toEqual([]);
    expect((await get('/signatories/deutsche-telekom')).text).toContain('Left for good');
    expect(Number(await headlineCount())).toBe(before - 1);
  });

  it('shows a field updated by a re-import, and a dry run changes nothing', async () => {
    const path = '/signatories?country=CA';
    expect(resultSlugs((await get(path)).text)).toEqual(['ville-de-montreal']);
    const row = (country: string) =>
      `name,country,category,sector,website,joined,initiative\nVille de Montréal,${country},public-authority,local-government,,2021-02-02,paris-call`;

    const dryRun = await importCsv(row('CA').replace('local-government', 'government'), { dryRun: true });
    expect(dryRun.updated).toBe(1);
    expect(resultSlugs((await get('/signatories?sector=government')).text)).not.toContain(
      'ville-de-montreal',
    );

    const report = await importCsv(row('CA').replace('local-government', 'government'), {
      writer: testWriter(),
    });
    expect(report.updated).toBe(1);
    expect(resultSlugs((await get('/signatories?sector=government')).text)).toContain('ville-de-montreal');
    expect((await get('/signatories/ville-de-montreal')).text).toContain('National government');
  });
});
