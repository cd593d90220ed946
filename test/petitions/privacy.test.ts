import { AuditEvent } from '../../src/models/auditEvent';
import { startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { listAppRoutes } from '../helpers/routeTable';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { postForm } from '../helpers/csrf';
import { confirmationMail, PETITION_PATH, seedPetition, sign, signAndConfirm, signatureFields } from './support';

jest.setTimeout(300_000);

let smtp: TestSmtpServer;
let testApp: TestApp;

const publicSigner = signatureFields({ name: 'Public Person', email: 'Public.Person+dpn@visible.example', country: 'FR', organisation: 'Open Org', showName: 'yes' });
const privateSigner = signatureFields({ name: 'Quiet Person', email: 'quiet.person@hidden.example', country: 'DE', organisation: 'Quiet Org', showName: '' });
const pendingSigner = signatureFields({ name: 'Pending Person', email: 'pending.person@waiting.example', country: 'IT', showName: 'yes' });
const withdrawnSigner = signatureFields({ name: 'Gone Person', email: 'gone.person@left.example', country: 'ES', showName: 'yes' });
const addresses = [publicSigner, privateSigner, pendingSigner, withdrawnSigner].flatMap((fields) => [fields['email']!.toLowerCase(), fields['email']!.split('@')[0]!.toLowerCase()]);

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true, env: { JOBS_RETRY_DELAY_MS: '50' } });
  await makeOrganisation({ name: 'Microsoft', slug: 'microsoft', country: 'US' });
  await seedPetition(testApp);
  await signAndConfirm(testApp.agent(), smtp, publicSigner);
  await signAndConfirm(testApp.agent(), smtp, privateSigner);
  await sign(testApp.agent(), pendingSigner);
  await confirmationMail(smtp, pendingSigner['email']!);
  const withdrawPath = await signAndConfirm(testApp.agent(), smtp, withdrawnSigner);
  const agent = testApp.agent();
  expect((await postForm(agent, withdrawPath, withdrawPath, {})).status).toBe(303);
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

/** Every public GET route of the app, its parameters filled with the petition, an organisation or an initiative. */
function publicUrls(): string[] {
  const urls = new Set<string>();
  for (const { method, path } of listAppRoutes(testApp.app)) {
    if (method !== 'GET' || /^\/(secretariat|account|dev)(\/|$)/.test(path) || /:(token|secret|id)\b/.test(path)) continue;
    const url = path
      .replace(/^\/petitions\/:slug/, PETITION_PATH)
      .replace(/:slug/g, 'microsoft')
      .replace(/:initiative/g, 'tech-accord');
    if (url.includes(':') || url.includes('*')) continue;
    urls.add(url);
  }
  return [...urls];
}

describe('signers’ privacy', () => {
  it('never shows an e-mail address on any public page, download, feed or API answer, in either language', async () => {
    const urls = publicUrls();
    expect(urls).toEqual(expect.arrayContaining(['/petitions', PETITION_PATH, `${PETITION_PATH}/signatures.csv`, `${PETITION_PATH}/signatures.json`, '/api/v1/organisations', '/feed.atom']));
    let checked = 0;
    for (const url of urls) {
      for (const lang of ['en', 'fr']) {
        const response = await testApp.agent().get(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`).buffer(true);
        const body = (response.text ?? (Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body))).toLowerCase();
        for (const address of addresses) expect([url, lang, body.includes(address)]).toEqual([url, lang, false]);
        for (const name of ['quiet person', 'quiet org', 'pending person', 'gone person']) expect([url, name, body.includes(name)]).toEqual([url, name, false]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('shows a name only with consent, and counts only confirmed signatures that were not withdrawn', async () => {
    const page = await testApp.agent().get(PETITION_PATH);
    expect(page.text).toContain('Public Person (Open Org)');
    expect(page.text).toContain('<a href="/signatories/microsoft">Microsoft</a>');
    expect(page.text).toContain('<strong id="petition-total">2</strong>');
    const json = await testApp.agent().get(`${PETITION_PATH}/signatures.json`);
    expect(json.body.byCountry).toEqual([{ country: 'DE', signatures: 1 }, { country: 'FR', signatures: 1 }]);
    expect(Object.keys(json.body).sort()).toEqual(['byCountry', 'generatedAt', 'initiative', 'licence', 'owner', 'petition', 'state', 'title', 'total']);
    expect(json.headers['link']).toMatch(/rel="license"/);
  });

  it("gives the secretariat an export for the petition's owner with names but no e-mail address, and audits it", async () => {
    const staff = await makeStaffUser();
    const agent = testApp.agent();
    await signInStaff(agent, staff);
    const exported = await agent.get(`/secretariat${PETITION_PATH}/signatures.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    const lines = exported.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('name,organisation,country,name_public,confirmed_at');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))).toEqual(['Public Person,Open Org,FR,yes', 'Quiet Person,Quiet Org,DE,no']);
    for (const address of addresses) expect(exported.text.toLowerCase()).not.toContain(address);
    const event = await AuditEvent.findOne({ action: 'petition.signatures-exported' }).lean();
    expect(event).toMatchObject({ actor: { label: staff.email, role: 'secretariat' }, after: { signatures: 2 } });
  });
});
