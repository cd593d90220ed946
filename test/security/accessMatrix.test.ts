import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../helpers/app';
import { listAppRoutes, type AppRoute } from '../helpers/routeTable';
import { ENDS_SESSION, expectationsFor, VISITORS, type Expected } from './accessRules';
import { fillPath } from './fillPath';
import { sendAs } from './sendAs';
import { makeVisitors, TOKEN_PAGE, type Visitors } from './visitors';

jest.setTimeout(600_000);

let testApp: TestApp;
let visitors: Visitors;
let routes: AppRoute[];

beforeAll(async () => {
  testApp = await startTestApp({ env: { RATE_LIMIT_WRITES_PER_WINDOW: '100000' } });
  visitors = await makeVisitors(testApp);
  // Session-ending routes last, so the cells before them run on the visitors' first sessions.
  const all = listAppRoutes(testApp.app);
  const ends = (route: AppRoute) => ENDS_SESSION.has(`${route.method} ${route.path}`);
  routes = [...all.filter((route) => !ends(route)), ...all.filter(ends)];
});
afterAll(() => testApp.stop());

function answered(response: Response, expected: Expected, notFoundIsFine: boolean): boolean {
  const location = String(response.headers['location'] ?? '');
  const redirected = response.status >= 300 && response.status < 400;
  const toSignIn = redirected && /^\/account\/sign-in(\?|$)/.test(location);
  // The gates always say where to come back to; a bare redirect to sign-in is a finished sign-out.
  const toSignInGate = redirected && location.startsWith('/account/sign-in?returnTo=');
  switch (expected) {
    case 'open':
      return (
        response.status < 500 &&
        !toSignInGate &&
        ![401, 403].includes(response.status) &&
        (notFoundIsFine || response.status !== 404)
      );
    case 'signIn':
      return toSignIn;
    case 'hidden':
      return response.status === 404;
    case 'refused':
      return response.status === 403 || response.status === 404;
    case 'enrol':
      return redirected && location === '/account/two-factor';
  }
}

describe('authorisation matrix: every route × every kind of visitor × its method', () => {
  it('finds every route in an area rule or the override table', () => {
    const unplaced: string[] = [];
    for (const { method, path } of routes) {
      try {
        expectationsFor(method, path);
      } catch (error) {
        unplaced.push((error as Error).message);
      }
    }
    expect(unplaced).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(50);
  });

  it('answers every cell as the table expects (0 violations)', async () => {
    const violations: string[] = [];
    let cells = 0;
    const previous: Record<string, string> = {};
    for (const { method, path } of routes) {
      const expectations = expectationsFor(method, path);
      const { url, unknownSubject } = fillPath(path, visitors.fixtures);
      for (const visitor of VISITORS) {
        const key = `${method} ${path}`;
        const agent = ENDS_SESSION.has(key) ? await visitors.signInAfresh(visitor) : visitors.agents[visitor];
        cells += 1;
        let response: Response;
        try {
          response = await sendAs(agent, method, url, TOKEN_PAGE[visitor]);
        } catch (error) {
          // The visitor's session was lost by an earlier cell: say so, and carry on with a fresh one.
          violations.push(
            `${method} ${url} as ${visitor}: ${(error as Error).message} (session lost after ${previous[visitor]})`,
          );
          visitors.agents[visitor] = await visitors.signInAfresh(visitor);
          continue;
        }
        previous[visitor] = key;
        if (ENDS_SESSION.has(key)) visitors.agents[visitor] = await visitors.signInAfresh(visitor);
        if (!answered(response, expectations[visitor], unknownSubject)) {
          const where = response.headers['location'] ? ` → ${String(response.headers['location'])}` : '';
          violations.push(
            `${method} ${url} as ${visitor}: expected ${expectations[visitor]}, got ${response.status}${where}`,
          );
        }
      }
    }
    console.log(
      `authorisation matrix: ${routes.length} routes × ${VISITORS.length} visitors = ${cells} cells, ${violations.length} violations`,
    );
    expect(violations).toEqual([]);
  });
});
