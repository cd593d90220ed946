import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEngine } from '../../src/engine';
import { AuditEvent } from '../../src/models/auditEvent';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';

jest.setTimeout(300_000);

let dataDir: string;
let testApp: TestApp;
let restarted: { stop(): Promise<void> } | undefined;
let member: Agent;
let slug: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'accord-outage-'));
  testApp = await startTestApp({ engineDataDir: dataDir, env: { RATE_LIMIT_WRITES_PER_WINDOW: '100000' } });
  const organisation = await makeOrganisation();
  slug = String(organisation.slug);
  member = testApp.agent();
  await signIn(member, (await makeUser({ organisation })).email);
});
afterAll(async () => {
  await testApp.stop();
  await restarted?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Anonymous visitors browsing while the test runs: each answer's status, and whether a 503 said when to retry. */
function backgroundTraffic(testApp: TestApp, paths: string[]) {
  const answers: { path: string; status: number; retryAfter: boolean }[] = [];
  let running = true;
  const visitor = async (offset: number) => {
    for (let i = offset; running; i += 1) {
      const target = paths[i % paths.length]!;
      const response = await testApp.agent().get(target).set('Accept', 'text/html').redirects(0);
      answers.push({
        path: target,
        status: response.status,
        retryAfter: response.headers['retry-after'] === '30',
      });
      await sleep(20);
    }
  };
  const visitors = [0, 1, 2, 3].map(visitor);
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(visitors);
    },
  };
}

const saveDescription = async (agent: Agent, token: string, description: string) =>
  agent
    .post(`/account/organisations/${slug}/details`)
    .type('form')
    .set('Accept', 'text/html')
    .redirects(0)
    .send({ _csrf: token, description, website: '', domains: '', sector: '' });

async function until(probe: () => Promise<boolean>, limitMs = 60_000): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > limitMs) throw new Error(`not recovered after ${limitMs} ms`);
    await sleep(50);
  }
  return Date.now() - started;
}

describe('database outage: the engine stopped under traffic, then started again on the same data', () => {
  it('answers 503 with Retry-After, refuses writes whole, and recovers without a restart', async () => {
    const token = await fetchCsrf(member, `/account/organisations/${slug}/details`);
    expect((await saveDescription(member, token, 'Before the outage.')).status).toBe(303);
    const auditBefore = await AuditEvent.countDocuments();
    const paths = [
      '/',
      '/signatories',
      `/signatories/${slug}`,
      '/statistics',
      '/api/v1/organisations',
      '/language',
    ];
    const traffic = backgroundTraffic(testApp, paths);
    await sleep(500);

    await testApp.engine.stop();
    await until(async () => (await testApp.agent().get('/readyz')).status === 503);
    const ready = await testApp.agent().get('/readyz');
    expect([ready.status, ready.body]).toEqual([503, { status: 'unavailable', database: 'down' }]);

    const page = await member.get(`/account/organisations/${slug}`).set('Accept', 'text/html');
    expect([page.status, page.headers['retry-after']]).toEqual([503, '30']);
    expect(page.text).toContain('Service temporarily unavailable');
    const write = await saveDescription(member, token, 'Written during the outage.');
    expect([write.status, write.headers['retry-after']]).toEqual([503, '30']);
    expect(write.text).toContain('Service temporarily unavailable');
    await sleep(1_000);

    restarted = await startEngine({ port: testApp.engine.port, dataDir });
    const readyAfterMs = await until(async () => (await testApp.agent().get('/readyz')).status === 200);
    const pageAfterMs = await until(
      async () => (await member.get(`/account/organisations/${slug}`)).status === 200,
    );
    const writeAfterMs = await until(
      async () => (await saveDescription(member, token, 'After the outage.')).status === 303,
    );
    await sleep(500);
    await traffic.stop();
    console.log(
      `outage recovery after the engine was back: /readyz ${readyAfterMs} ms, member page ${pageAfterMs} ms, first write ${writeAfterMs} ms (this test asserts recovery, not its time)`,
    );

    // The write made during the outage is nowhere: the description went from before to after, one audit event.
    const stored = await Organisation.findOne({ slug }).lean();
    expect(stored?.description).toBe('After the outage.');
    expect(await AuditEvent.countDocuments()).toBe(auditBefore + 1);
    expect(await AuditEvent.countDocuments({ 'after.description': 'Written during the outage.' })).toBe(0);

    // Browsing never met anything but a page or a 503 that says when to come back.
    const unexpected = traffic.answers.filter(
      ({ status, retryAfter }) => status !== 200 && !(status === 503 && retryAfter),
    );
    expect(unexpected).toEqual([]);
    expect(traffic.answers.some(({ status }) => status === 503)).toBe(true);
    expect(traffic.answers.at(-1)?.status).toBe(200);
  });
});
