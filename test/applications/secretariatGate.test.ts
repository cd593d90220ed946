import { SECRETARIAT_PATH } from '../../src/features/secretariat';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { listAppRoutes } from '../helpers/routeTable';
import { signIn } from '../helpers/signIn';
import { makeStaffUser, signInStaff } from '../helpers/staff';

let testApp: TestApp;
let member: Agent;
let anonymous: Agent;
let staff: Agent;

beforeAll(async () => {
  testApp = await startTestApp();
  member = testApp.agent();
  const organisation = await makeOrganisation();
  await signIn(member, (await makeUser({ organisation })).email);
  anonymous = testApp.agent();
  staff = testApp.agent();
  await signInStaff(staff, await makeStaffUser());
});
afterAll(() => testApp.stop());

/** The app's own router stack, so a route added later is covered without editing this test. */
function secretariatRouteTable() {
  return listAppRoutes(testApp.app)
    .filter(({ path }) => path === SECRETARIAT_PATH || path.startsWith(`${SECRETARIAT_PATH}/`))
    .map(({ method, path }) => [method, path.replace(/:[A-Za-z]+/g, '0123456789abcdef01234567')]);
}

async function send(agent: Agent, method: string, path: string, tokenPage: string) {
  if (method === 'GET') return agent.get(path);
  const token = await fetchCsrf(agent, tokenPage);
  return agent.post(path).type('form').send({ _csrf: token });
}

describe('the secretariat area is closed to everyone but the secretariat', () => {
  const table = secretariatRouteTableOnceReady();

  it('lists the routes it checks', () => {
    expect(table().length).toBeGreaterThanOrEqual(4);
  });

  it('sends anonymous visitors to sign in and answers members 404 on every route', async () => {
    for (const [method, path] of table()) {
      const fromAnonymous = await send(anonymous, method!, path!, '/account/sign-in');
      expect([method, path, fromAnonymous.status]).toEqual([method, path, 303]);
      expect(fromAnonymous.headers['location']).toMatch(/^\/account\/sign-in\?returnTo=/);
      const fromMember = await send(member, method!, path!, '/');
      expect([method, path, fromMember.status]).toEqual([method, path, 404]);
    }
  });

  it('opens the dashboard and the queue to the secretariat', async () => {
    const dashboard = await staff.get('/secretariat');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('applications waiting for review');
    expect(dashboard.text).toMatch(/<a href="\/secretariat\/evidence#failing-title">0 organisations about to lapse/);
    expect((await staff.get('/secretariat/applications?state=nonsense&initiative=x')).status).toBe(200);
  });
});

/** The table is built after beforeAll has started the app, but read by tests declared before that. */
function secretariatRouteTableOnceReady() {
  let cached: string[][] | null = null;
  return () => (cached ??= secretariatRouteTable());
}
