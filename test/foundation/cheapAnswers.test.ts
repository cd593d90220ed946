import { Router } from 'express';
import { sessionCookieName } from '../../src/middleware/session';
import { startTestApp, testSessionSecret, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';

const setCookies = (response: { headers: Record<string, unknown> }): string =>
  [response.headers['set-cookie'] ?? []].flat().join('\n');

describe('sessions only when needed', () => {
  // Outside production: a production session cookie is Secure, so it is not sent over the tests' plain HTTP.
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.stop());

  it('starts no session for pages without a form, and one for a page with a form', async () => {
    for (const path of ['/', '/signatories', '/healthz', '/no-such-page']) {
      expect(setCookies(await testApp.agent().get(path))).not.toContain(sessionCookieName);
    }
    const form = await testApp.agent().get('/language');
    expect(setCookies(form)).toContain(`${sessionCookieName}=`);
    expect(form.text).toMatch(/name="_csrf" value="[0-9a-f]{64,}"/);
  });

  it('still refuses a form posted without its token, and accepts it with one', async () => {
    const agent = testApp.agent();
    expect((await agent.post('/language').type('form').send({ lang: 'fr' })).status).toBe(403);
    const token = await fetchCsrf(agent, '/language');
    const saved = await agent.post('/language').type('form').send({ lang: 'fr', _csrf: token });
    expect(saved.status).toBe(303);
  });
});

describe('cheap answers in production', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: testSessionSecret } });
  });
  afterAll(() => testApp.stop());

  it('sends every 404 page its own request id and the reader’s language, with relative language links', async () => {
    const first = await testApp.agent().get('/nowhere?x=1').set('Accept-Language', 'fr');
    const second = await testApp.agent().get('/elsewhere').set('Accept-Language', 'fr');
    const english = await testApp.agent().get('/elsewhere').set('Accept-Language', 'en');
    for (const response of [first, second, english]) {
      expect(response.status).toBe(404);
      expect(response.text).toContain(`<code>${response.headers['x-request-id']}</code>`);
    }
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    expect(first.text).toContain('<html lang="fr">');
    expect(english.text).toContain('<html lang="en">');
    expect(first.text).toContain('href="?lang=en"');
    expect(first.headers['content-security-policy']).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{24}'/);
  });

  it('gives each response its own CSP nonce and keeps HSTS in production', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const response = await testApp.agent().get('/healthz');
      expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      nonces.add(/'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))?.[1] ?? '');
    }
    expect(nonces.size).toBe(5);
  });
});

describe('a session started on first read', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    const probe = Router().get('/test/session-twice', (req, res) => {
      const first = req.session;
      const second = req.session;
      res.json({ same: first === second, defined: first !== undefined, own: Object.hasOwn(req, 'session') });
    });
    testApp = await startTestApp({ extraRouters: [probe] });
  });
  afterAll(() => testApp.stop());

  it('is one session however often it is read, and becomes the request’s own', async () => {
    const response = await testApp.agent().get('/test/session-twice');
    expect(response.body).toEqual({ same: true, defined: true, own: true });
    // Read but left unchanged, a new session is not saved, so no cookie is set.
    expect([response.headers['set-cookie'] ?? []].flat().join('')).not.toContain('accord.sid=');
  });
});
