import { CSV_COLUMNS } from '../../src/features/opendata/csvColumns';
import { startTestApp, type TestApp } from '../helpers/app';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.stop());

describe('/api page', () => {
  it.each(['en', 'fr'])('describes every endpoint and CSV column in %s', async (lang) => {
    const response = await testApp.agent().get(`/api?lang=${lang}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain(`<html lang="${lang}">`);
    for (const path of [
      '/organisations',
      '/organisations/{slug}',
      '/initiatives',
      '/initiatives/{slug}',
      '/statistics',
    ])
      expect(response.text).toContain(`<code>GET /api/v1${path}</code>`);
    for (const column of CSV_COLUMNS) expect(response.text).toContain(`<code>${column.name}</code>`);
    expect(response.text).toContain('id="problem-400"');
    expect(response.text).toContain('&#34;profileUrl&#34;: &#34;/signatories/example-networks&#34;');
    expect(testApp.missingTranslations).toEqual([]);
  });
});
