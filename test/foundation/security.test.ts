import { startTestApp, testSessionSecret, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';

describe('the app as production builds it: headers, session cookie, CSRF', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.stop());

  it('sends a strict CSP with a fresh nonce on every page', async () => {
    const first = await testApp.agent().get('/');
    const second = await testApp.agent().get('/');
    expect(first.status).toBe(200);
    const csp = first.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toEqual(second.headers['content-security-policy']);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['x-powered-by']).toBeUndefined();
    expect(first.headers['strict-transport-security']).toBeUndefined();
  });

  it('gives every response a request id, keeping a sane one from the load balancer', async () => {
    const generated = await testApp.agent().get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await testApp.agent().get('/healthz').set('X-Request-Id', 'lb-request-12345');
    expect(kept.headers['x-request-id']).toBe('lb-request-12345');
    const replaced = await testApp.agent().get('/healthz').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });

  it('creates no session for a page without a form', async () => {
    const response = await testApp.agent().get('/');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('puts a CSRF token in forms and sets a hygienic session cookie', async () => {
    const response = await testApp.agent().get('/language');
    expect(response.text).toMatch(/<input type="hidden" name="_csrf" value="[^"]{20,}">/);
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('accord.sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('refuses a POST without a CSRF token with 403 and changes nothing', async () => {
    const agent = testApp.agent();
    await agent.get('/language');
    const refused = await agent.post('/language').type('form').send({ lang: 'fr' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Request refused');
    expect(refused.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^lang=/)]),
    );
    const after = await agent.get('/');
    expect(after.text).toContain('<html lang="en">');
  });

  it('refuses a POST with a token from another session', async () => {
    const token = await fetchCsrf(testApp.agent(), '/language');
    const other = testApp.agent();
    await other.get('/language');
    const refused = await other.post('/language').type('form').send({ lang: 'fr', _csrf: token });
    expect(refused.status).toBe(403);
  });

  it('accepts the POST with the token from its form', async () => {
    const agent = testApp.agent();
    const token = await fetchCsrf(agent, '/language');
    const saved = await agent
      .post('/language')
      .type('form')
      .send({ lang: 'fr', _csrf: token, returnTo: '/' });
    expect(saved.status).toBe(303);
    expect(saved.headers['location']).toBe('/');
    const page = await agent.get('/');
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('Votre préférence de langue a été enregistrée.');
  });

  it('never redirects off-site after a form', async () => {
    const agent = testApp.agent();
    const token = await fetchCsrf(agent, '/language');
    const response = await agent
      .post('/language')
      .type('form')
      .send({ lang: 'fr', _csrf: token, returnTo: '//evil.example/' });
    expect(response.status).toBe(400);
  });
});

describe('the same app in production mode', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({
      env: { NODE_ENV: 'production', SESSION_SECRET: testSessionSecret, TRUST_PROXY: 1 },
    });
  });
  afterAll(() => testApp.stop());

  it('adds HSTS and marks the session cookie Secure behind a TLS-terminating proxy', async () => {
    const response = await testApp.agent().get('/language').set('X-Forwarded-Proto', 'https');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('accord.sid='));
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });
});
