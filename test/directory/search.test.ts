import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry, resultSlugs } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

async function slugsAt(path: string): Promise<string[]> {
  const response = await testApp.agent().get(path).set('Accept', 'text/html');
  expect(response.status).toBe(200);
  return resultSlugs(response.text);
}

describe('directory search', () => {
  it('lists every active organisation by name with a localised count', async () => {
    const response = await testApp.agent().get('/signatories');
    expect(response.status).toBe(200);
    expect(response.text).toContain('12 signatories');
    expect(resultSlugs(response.text)[0]).toBe('alborg-netvaerk');
  });

  it('ignores case and accents', async () => {
    expect(await slugsAt('/signatories?q=societe+generale')).toEqual(['societe-generale']);
    expect(await slugsAt('/signatories?q=SOCIÉTÉ')).toEqual(['societe-generale']);
    expect(await slugsAt('/signatories?q=universite+geneve')).toEqual(['universite-de-geneve']);
    expect(await slugsAt('/signatories?q=electricite')).toEqual(['electricite-de-france']);
  });

  it('matches the start of words only', async () => {
    expect(await slugsAt('/signatories?q=gen')).toEqual(['societe-generale', 'universite-de-geneve']);
    expect(await slugsAt('/signatories?q=enerale')).toEqual([]);
  });
});
