import path from 'node:path';
import { importFile } from '../../src/import';
import { seedDataDir } from '../../src/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { resultSlugs } from './fixtures';
import { testWriter } from '../helpers/writer';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await importFile(path.join(seedDataDir(), 'paris-call-supporters.csv'), {
    writer: testWriter(),
    initiative: 'paris-call',
  });
}, 120_000);
afterAll(() => testApp.stop());

describe('the directory over the real Paris Call file', () => {
  it('counts every supporter, with numbers formatted per language', async () => {
    expect((await testApp.agent().get('/signatories?lang=en')).text).toContain('1,222 signatories');
    expect((await testApp.agent().get('/signatories?lang=fr')).text).toContain('1\u202f222 signataires');
    expect((await testApp.agent().get('/?lang=en')).text).toContain('1,222 signatories');
  });

  it('writes the filter options’ counts in the reader’s number format', async () => {
    const option = (html: string) =>
      /<option value="paris-call"( selected)?>([^<]*)<\/option>/.exec(html)?.[2];
    expect(option((await testApp.agent().get('/signatories?lang=en')).text)).toMatch(/ \(1,222\)$/);
    expect(option((await testApp.agent().get('/signatories?lang=fr')).text)).toMatch(/ \(1\u202f222\)$/);
  });

  it('finds accented names from plain, lower-case input', async () => {
    const html = (await testApp.agent().get('/signatories?q=derecho+informatico')).text;
    expect(resultSlugs(html)).toEqual(['academia-mexicana-de-derecho-informatico-a-c']);
  });

  it('pages through all supporters, 100 at a time, each once', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 13; page += 1) {
      seen.push(...resultSlugs((await testApp.agent().get(`/signatories?size=100&page=${page}`)).text));
    }
    expect(seen).toHaveLength(1222);
    expect(new Set(seen).size).toBe(1222);
  });
});
