import { AuditEvent } from '../../src/models/auditEvent';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { fillPath, listMemberRoutes, type RouteEntry } from './support';

let testApp: TestApp;
let routes: RouteEntry[];
let slugA: string;
let slugB: string;
let memberA: { email: string };

beforeAll(async () => {
  testApp = await startTestApp({ env: { RATE_LIMIT_WRITES_PER_WINDOW: '1000' } });
  routes = listMemberRoutes(testApp.services);
  const [a, b] = [await makeOrganisation({ name: 'Alpha Org' }), await makeOrganisation({ name: 'Beta Org' })];
  slugA = String(a.slug);
  slugB = String(b.slug);
  memberA = await makeUser({ organisation: a });
});
afterAll(() => testApp.stop());

const organisationRoutes = () => routes.filter((route) => route.path.includes(':slug'));

describe('the member routes, listed from the router', () => {
  it('include the pages the issue names', () => {
    const listed = routes.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'GET /account',
        'GET /account/organisations/:slug',
        'POST /account/organisations/:slug/details',
        'POST /account/organisations/:slug/pledges/:initiative',
        'POST /account/organisations/:slug/evidence',
        'POST /account/organisations/:slug/evidence/:evidenceId/remove',
      ]),
    );
  });

  it('send anonymous visitors to sign in, coming back afterwards, from every route', async () => {
    for (const route of routes) {
      const path = fillPath(route.path, { slug: slugB });
      const agent = testApp.agent();
      const token = await fetchCsrf(agent, '/account/sign-in');
      const response = route.method === 'get' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf: token });
      expect([route.path, response.status]).toEqual([route.path, 303]);
      expect(response.headers['location']).toBe(`/account/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
  });

  it("answer 404 to member A on every page of organisation B, as for one that does not exist, and change nothing", async () => {
    const agent = testApp.agent();
    await signIn(agent, memberA.email);
    const token = await fetchCsrf(agent, `/account/organisations/${slugA}/details`);
    const eventsBefore = await AuditEvent.countDocuments();
    for (const route of organisationRoutes()) {
      for (const slug of [slugB, 'no-such-organisation']) {
        const path = fillPath(route.path, { slug });
        const body = { _csrf: token, description: 'Taken over', statement: 'x', kind: 'dmarc', subject: 'example.org' };
        const response = route.method === 'get' ? await agent.get(path) : await agent.post(path).type('form').send(body);
        expect([path, response.status]).toEqual([path, 404]);
        expect(response.text).not.toContain('Beta Org');
      }
    }
    expect(await AuditEvent.countDocuments()).toBe(eventsBefore);
  });

  it('let member A reach every page of its own organisation', async () => {
    const agent = testApp.agent();
    await signIn(agent, memberA.email);
    for (const route of organisationRoutes().filter((entry) => entry.method === 'get')) {
      const response = await agent.get(fillPath(route.path, { slug: slugA }));
      expect([route.path, response.status]).toEqual([route.path, 200]);
    }
    expect((await agent.get('/account')).text).toContain(`href="/account/organisations/${slugA}"`);
    expect((await agent.get('/account/organisations?q=beta')).status).toBe(404);
  });

  it('refuse every state-changing route without a CSRF token', async () => {
    const agent = testApp.agent();
    await signIn(agent, memberA.email);
    const eventsBefore = await AuditEvent.countDocuments();
    for (const route of organisationRoutes().filter((entry) => entry.method === 'post')) {
      const response = await agent.post(fillPath(route.path, { slug: slugA })).type('form').send({ description: 'No token', statement: 'No token' });
      expect([route.path, response.status]).toEqual([route.path, 403]);
    }
    expect(await AuditEvent.countDocuments()).toBe(eventsBefore);
  });

  it('let the secretariat find and open any organisation', async () => {
    const staff = await makeStaffUser();
    const agent = testApp.agent();
    await signInStaff(agent, staff);
    const search = await agent.get('/account/organisations?q=beta');
    expect(search.status).toBe(200);
    expect(search.text).toContain(`href="/account/organisations/${slugB}"`);
    expect(search.text).not.toContain(`href="/account/organisations/${slugA}"`);
    expect((await agent.get(`/account/organisations/${slugB}/details`)).status).toBe(200);
  });
});
