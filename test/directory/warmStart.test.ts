import { warmServices } from '../../src/services';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry, resultSlugs } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

function readModel() {
  return testApp.services.directory.readModel;
}

describe('warming the directory at server start', () => {
  it('builds the read model before any request, and the first request builds nothing', async () => {
    expect(readModel().builds).toBe(0);
    await warmServices(testApp.services);
    expect(readModel().builds).toBe(1);

    const list = await testApp.agent().get('/signatories?country=FR');
    expect(list.status).toBe(200);
    expect(resultSlugs(list.text)).toHaveLength(3);
    const home = await testApp.agent().get('/');
    expect(home.status).toBe(200);
    expect(readModel().builds).toBe(1);
  });
});
