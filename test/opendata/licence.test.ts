import { startTestApp, type TestApp } from '../helpers/app';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp({
    env: {
      OPEN_DATA_LICENCE: 'ODbL 1.0',
      OPEN_DATA_LICENCE_URL: 'https://opendatacommons.org/licenses/odbl/1-0/',
    },
  });
});
afterAll(() => testApp.stop());

describe('open data licence', () => {
  it('is the configured one, in the JSON download and its Link header', async () => {
    const response = await testApp.agent().get('/signatories.json');
    expect(JSON.parse(response.text)).toMatchObject({
      licence: { name: 'ODbL 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
      total: 0,
      organisations: [],
    });
    expect(response.headers['link']).toBe(
      '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"; title="ODbL 1.0"',
    );
  });
});
