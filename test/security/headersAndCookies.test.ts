import { Router } from 'express';
import type { Response } from 'supertest';
import { startTestApp, testSessionSecret, type TestApp } from '../helpers/app';

const internalMessage = 'internal detail: collection users index email_1 at /srv/app';

let testApp: TestApp;
beforeAll(async () => {
  const failing = Router();
  failing.get('/failing-for-test', () => {
    throw new Error(internalMessage);
  });
  testApp = await startTestApp({
    env: { NODE_ENV: 'production', SESSION_SECRET: testSessionSecret, TRUST_PROXY: 1 },
    extraRouters: [failing],
  });
});
afterAll(() => testApp.stop());

/** One of each kind of answer the registry gives, as a browser behind the TLS-terminating proxy asks. */
const PAGE_KINDS: [kind: string, method: 'get' | 'post', path: string][] = [
  ['home page', 'get', '/'],
  ['directory', 'get', '/signatories?q=a'],
  ['statistics', 'get', '/statistics'],
  ['form page with a session', 'get', '/account/sign-in'],
  ['application form', 'get', '/apply'],
  ['API JSON', 'get', '/api/v1/organisations'],
  ['API docs', 'get', '/api'],
  ['CSV download', 'get', '/signatories.csv'],
  ['Atom feed', 'get', '/feed.atom'],
  ['security.txt', 'get', '/.well-known/security.txt'],
  ['404 page', 'get', '/no-such-page'],
  ['API 404 problem', 'get', '/api/v1/organisations/no-such-organisation'],
  ['API 400 problem', 'get', '/api/v1/organisations?page=-1'],
  ['400 for a broken address', 'get', '/signatories/%E0%A4%A'],
  ['403 without a CSRF token', 'post', '/language'],
  ['500 page', 'get', '/failing-for-test'],
];

const fetchKind = (method: 'get' | 'post', path: string) =>
  testApp.agent()[method](path).set('X-Forwarded-Proto', 'https').set('Accept', 'text/html').redirects(0);

/** The views have no script or style element today; any added later must carry the response's nonce. */
let htmlAnswers = 0;

function problemsOf(response: Response): string[] {
  const problems: string[] = [];
  const csp = String(response.headers['content-security-policy'] ?? '');
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  if (!nonce) problems.push('CSP without a nonce');
  if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push('CSP allows unsafe-inline or unsafe-eval');
  if (!csp.includes("frame-ancestors 'none'")) problems.push("CSP without frame-ancestors 'none'");
  if (!/max-age=31536000/.test(String(response.headers['strict-transport-security'])))
    problems.push('no HSTS');
  if (response.headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  for (const cookie of [response.headers['set-cookie'] ?? []].flat() as string[]) {
    for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Secure']) {
      if (!cookie.split(/;\s*/).includes(attribute))
        problems.push(`cookie without ${attribute}: ${cookie.split(';')[0]}`);
    }
  }
  const body = response.text ?? '';
  if (/html/.test(String(response.headers['content-type']))) {
    htmlAnswers += 1;
    for (const tag of body.match(/<(script|style)\b[^>]*>/g) ?? []) {
      if (!tag.includes(`nonce="${nonce}"`)) problems.push(`tag without this response's nonce: ${tag}`);
    }
    if (/<[^>]+\son[a-z]+\s*=/i.test(body)) problems.push('inline event handler');
    if (/<[^>]+\sstyle\s*=/i.test(body)) problems.push('inline style attribute');
  }
  if (response.status >= 400) {
    if (
      body.includes(internalMessage) ||
      /\n\s+at [\w.<]/.test(body) ||
      /node_modules|Mongo|\/src\//.test(body)
    ) {
      problems.push('error answer shows internal detail');
    }
  }
  return problems;
}

describe('headers and cookies on every kind of answer, in production', () => {
  it('sends a nonce CSP, HSTS and hygienic cookies, and never internal detail', async () => {
    const found: string[] = [];
    const statuses: Record<string, number> = {};
    for (const [kind, method, path] of PAGE_KINDS) {
      const response = await fetchKind(method, path);
      statuses[kind] = response.status;
      for (const problem of problemsOf(response))
        found.push(`${kind} (${method.toUpperCase()} ${path}, ${response.status}): ${problem}`);
    }
    expect(found).toEqual([]);
    expect(htmlAnswers).toBeGreaterThanOrEqual(8);
    expect(statuses).toMatchObject({
      '404 page': 404,
      '403 without a CSRF token': 403,
      '500 page': 500,
      'API 404 problem': 404,
    });
    expect(statuses['form page with a session']).toBe(200);
  });

  it('sets the session cookie with every attribute on a form page', async () => {
    const response = await fetchKind('get', '/account/sign-in');
    const cookie = [response.headers['set-cookie'] ?? []]
      .flat()
      .find((c) => String(c).startsWith('accord.sid='));
    expect(String(cookie)).toMatch(/HttpOnly/);
    expect(String(cookie)).toMatch(/SameSite=Lax/);
    expect(String(cookie)).toMatch(/Secure/);
  });
});
