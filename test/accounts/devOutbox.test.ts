import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../../src/audit/actor';
import { startTestApp, type TestApp } from '../helpers/app';

let dataDir: string;
let testApp: TestApp;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  testApp = await startTestApp({ env: { DATA_DIR: dataDir }, runJobs: true });
});
afterAll(async () => {
  await testApp.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('/dev/outbox without an SMTP server', () => {
  it('lists the messages written to the outbox with their links clickable', async () => {
    await testApp.services.accounts.inviteUser(systemActor('test'), { email: 'outbox.reader@example.test', role: 'secretariat' });
    let page = await testApp.agent().get('/dev/outbox');
    for (let waited = 0; !page.text.includes('outbox.reader@example.test') && waited < 20_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      page = await testApp.agent().get('/dev/outbox');
    }
    expect(page.status).toBe(200);
    expect(page.text).toContain('You are invited to Accord Registry');
    expect(page.text).toMatch(/<a href="(http:\/\/localhost:\d+\/account\/invitation\/[A-Za-z0-9_-]{43})">\1<\/a>/);
  });

});
