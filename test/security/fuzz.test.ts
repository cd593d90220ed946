import fc from 'fast-check';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../helpers/app';
import { registryVersionNumber } from '../../src/models/registryVersion';
import { fetchCsrf } from '../helpers/csrf';
import { listAppRoutes, type AppRoute } from '../helpers/routeTable';
import { ENDS_SESSION, expectationsFor, type Visitor } from './accessRules';
import { fillPath } from './fillPath';
import { fieldNamesIn, hostileFields, operatorKeysIn, toWire } from './hostileInput';
import { makeVisitors, TOKEN_PAGE, type Visitors } from './visitors';

jest.setTimeout(900_000);

/** Seeded and bounded: the same cases every run, sized for CI. */
const SEED = 20261130;
const RUNS_PER_ROUTE = 6;

let testApp: TestApp;
let visitors: Visitors;
let routes: AppRoute[];
const tokens = new Map<Visitor, string>();

beforeAll(async () => {
  testApp = await startTestApp({ env: { RATE_LIMIT_WRITES_PER_WINDOW: '100000' } });
  visitors = await makeVisitors(testApp);
  routes = listAppRoutes(testApp.app).filter(({ method, path }) => !ENDS_SESSION.has(`${method} ${path}`));
});
afterAll(() => testApp.stop());

/** The visitor the route serves, so the input (not the gate) is what the app must cope with. */
function servedVisitor(route: AppRoute): Visitor {
  const expectations = expectationsFor(route.method, route.path);
  const preferred: Visitor[] = ['memberOfA', 'secretariat', 'anonymous'];
  return preferred.find((visitor) => expectations[visitor] === 'open') ?? 'anonymous';
}

/** What a refused input must leave alone: the registry's version and the audit trail. */
async function stateMark(): Promise<string> {
  const db = mongoose.connection.db!;
  const [version, audit, users, applications] = await Promise.all([
    registryVersionNumber(),
    db.collection('auditevents').countDocuments(),
    db.collection('users').countDocuments(),
    db.collection('applications').countDocuments(),
  ]);
  return JSON.stringify({ version, audit, users, applications });
}

describe('fuzzing every form field and query parameter with random and hostile values', () => {
  it('never answers 5xx, never changes anything on a refused input, never stores an operator key', async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const route of routes) {
      const visitor = servedVisitor(route);
      const agent = visitors.agents[visitor];
      const { url } = fillPath(route.path, visitors.fixtures);
      const page = await agent.get(url).set('Accept', 'text/html');
      const fields = fieldNamesIn(page.text ?? '');
      if (route.method !== 'GET' && !tokens.has(visitor))
        tokens.set(visitor, await fetchCsrf(agent, TOKEN_PAGE[visitor]));
      await fc.assert(
        fc.asyncProperty(hostileFields(fields.length > 0 ? fields : ['q', 'page', 'lang']), async (pairs) => {
          cases += 1;
          const wire = toWire(pairs);
          const before = await stateMark();
          const response =
            route.method === 'GET'
              ? await agent.get(`${url}?${wire}`).set('Accept', 'text/html').redirects(0)
              : await agent
                  .post(url)
                  .type('form')
                  .set('Accept', 'text/html')
                  .redirects(0)
                  .send(`${wire}&_csrf=${encodeURIComponent(tokens.get(visitor)!)}`);
          const where = `${route.method} ${url} as ${visitor} with ${wire.slice(0, 200)}`;
          if (response.status >= 500) failures.push(`${where}: ${response.status}`);
          if (response.status >= 400 && (await stateMark()) !== before)
            failures.push(`${where}: refused (${response.status}) yet changed`);
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }
    const db = mongoose.connection.db!;
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for (const document of await db.collection(name).find({}).toArray()) {
        const keys = operatorKeysIn(document);
        if (keys.length > 0) failures.push(`${name} ${String(document['_id'])} stores ${keys.join(', ')}`);
      }
    }
    console.log(
      `fuzzing: ${cases} cases over ${routes.length} routes (seed ${SEED}), ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    expect(cases).toBe(routes.length * RUNS_PER_ROUTE);
  });
});
