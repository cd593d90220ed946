import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';
import { listAppRoutes, type AppRoute } from '../helpers/routeTable';
import { expectationsFor, type Visitor } from './accessRules';
import { snapshotData } from './dataSnapshot';
import { fillPath } from './fillPath';
import { makeVisitors, TOKEN_PAGE, type Visitors } from './visitors';

jest.setTimeout(600_000);

let testApp: TestApp;
let visitors: Visitors;
let writes: AppRoute[];

beforeAll(async () => {
  testApp = await startTestApp({ env: { RATE_LIMIT_WRITES_PER_WINDOW: '100000' } });
  visitors = await makeVisitors(testApp);
  writes = listAppRoutes(testApp.app).filter(({ method }) => method !== 'GET');
});
afterAll(() => testApp.stop());

/**
 * The visitor the route would serve, so only the token can be what refuses the request (a route open to
 * no one outright, such as the two-factor code step, is tried as an anonymous visitor).
 */
function allowedVisitor(route: AppRoute): Visitor {
  const expectations = expectationsFor(route.method, route.path);
  const preferred: Visitor[] = [
    'memberOfA',
    'secretariat',
    'admin',
    'anonymous',
    'secretariatWithoutTwoFactor',
  ];
  const visitor = preferred.find((candidate) => expectations[candidate] === 'open');
  return visitor ?? 'anonymous';
}

const send = (agent: Agent, route: AppRoute, url: string, token: string | undefined) => {
  const request = agent[route.method.toLowerCase() as 'post'](url)
    .type('form')
    .set('Accept', 'text/html')
    .redirects(0);
  return request.send(token === undefined ? { name: 'changed' } : { _csrf: token, name: 'changed' });
};

describe('CSRF: every state-changing route refuses a request without its session token', () => {
  it('has state-changing routes to check', () => {
    expect(writes.length).toBeGreaterThanOrEqual(15);
  });

  it('answers 403 to a missing, a wrong and another session’s token, and changes nothing', async () => {
    const failures: string[] = [];
    const stranger = testApp.agent();
    const strangersToken = await fetchCsrf(stranger, '/account/sign-in');
    for (const route of writes) {
      const visitor = allowedVisitor(route);
      const agent = visitors.agents[visitor];
      const ownToken = await fetchCsrf(agent, TOKEN_PAGE[visitor]);
      const { url } = fillPath(route.path, visitors.fixtures);
      const before = await snapshotData();
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining(['organisations', 'users', 'auditevents', 'registry_versions']),
      );
      const tokens: [string, string | undefined][] = [
        ['missing', undefined],
        ['wrong', `${ownToken.slice(0, -4)}AAAA`],
        ["another session's", strangersToken],
      ];
      for (const [kind, token] of tokens) {
        const response = await send(agent, route, url, token);
        if (response.status !== 403)
          failures.push(`${route.method} ${url} as ${visitor} with a ${kind} token: ${response.status}`);
      }
      const after = await snapshotData();
      if (JSON.stringify(after) !== JSON.stringify(before))
        failures.push(`${route.method} ${url}: data changed`);
      // Still signed in: a refused sign-out or sign-out-everywhere ended nothing.
      expect((await fetchCsrf(agent, TOKEN_PAGE[visitor])).length).toBeGreaterThan(0);
    }
    expect(failures).toEqual([]);
  });
});
