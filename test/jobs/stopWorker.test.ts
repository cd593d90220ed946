import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { JOBS_COLLECTION } from '../../src/jobs/jobQueue';
import { createLogger } from '../../src/logger';
import { Evidence } from '../../src/models/evidence';
import { createServices, type Services } from '../../src/services';
import type { Zone } from '../helpers/peers/dnsPeer';
import { mongoose, startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { startCheckPeers, type CheckPeers } from '../evidence/checkPeers';

jest.setTimeout(120_000);

// Names that never answer: each check runs until the checks' DNS timeout, so a job is seen running.
const DOMAINS = ['a.stopping.test', 'b.stopping.test', 'c.stopping.test'];
const question = (domain: string) => `TXT _dmarc.${domain}`;
const evidenceSettings = () => evidenceSettingsFrom({ EVIDENCE_CHECK_CONCURRENCY: '4' });

let peers: CheckPeers;
let testApp: TestApp;
let second: Services | undefined;

beforeAll(async () => {
  const zone: Zone = {};
  for (const domain of DOMAINS) zone[`_dmarc.${domain}`] = { silent: true };
  peers = await startCheckPeers(zone);
  testApp = await startTestApp({
    // One job at a time, so the worker holds jobs it has fetched but not started.
    env: { JOBS_CONCURRENCY: '1', JOBS_POLL_MS: '100' },
    evidenceSettings: evidenceSettings(),
    checkContext: peers.context(),
  });
});
afterAll(async () => {
  await second?.jobs.stop(5_000);
  await testApp.stop();
  await peers.close();
});

async function eventually(done: () => Promise<boolean> | boolean): Promise<void> {
  for (let attempt = 0; attempt < 300 && !(await done()); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a worker told to stop', () => {
  it('finishes and saves the job it is running, starts no other, and leaves the rest to another worker', async () => {
    const organisation = await makeOrganisation();
    const entries = await Evidence.insertMany(
      DOMAINS.map((subject) => ({ organisation: organisation._id, kind: 'dmarc', subject })),
    );
    for (const entry of entries) {
      await testApp.services.jobs.enqueue({
        task: 'evidence.check',
        data: { evidenceId: String(entry._id) },
      });
    }

    await testApp.services.jobs.start();
    await eventually(() => DOMAINS.some((domain) => peers.dns.questions.includes(question(domain))));
    await testApp.services.jobs.stop(30_000);

    const asked = DOMAINS.filter((domain) => peers.dns.questions.includes(question(domain)));
    expect(asked).toHaveLength(1);
    // The check that ran saved its outcome (its name never answered: an error, kept for the back-off)...
    const ranOn = entries.find((entry) => entry.subject === asked[0]);
    const checked = await Evidence.findById(ranOn?._id).lean();
    expect(checked?.consecutiveErrors).toBe(1);
    expect(checked?.lastError?.at).toBeInstanceOf(Date);
    // ...and the jobs never started are still there, locked by nobody, for another worker.
    const jobs = mongoose.connection.collection(JOBS_COLLECTION);
    const untouched = await jobs.find({ name: 'evidence.check' }).toArray();
    expect(untouched).toHaveLength(DOMAINS.length - 1);
    for (const job of untouched) {
      expect(job.lastRunAt ?? null).toBeNull();
      expect(job.lockedAt ?? null).toBeNull();
    }

    second = createServices({
      config: testApp.config,
      logger: createLogger(testApp.config),
      connection: mongoose.connection,
      evidenceSettings: evidenceSettings(),
      checkContext: peers.context(),
    });
    await second.jobs.start();
    const others = entries.filter((entry) => entry !== ranOn).map((entry) => entry._id);
    const settled = () => Evidence.countDocuments({ _id: { $in: others }, consecutiveErrors: 1 });
    await eventually(async () => (await settled()) === others.length);
    expect(await settled()).toBe(others.length);
    expect(DOMAINS.filter((domain) => peers.dns.questions.includes(question(domain)))).toHaveLength(
      DOMAINS.length,
    );
  });

  it('stops a queue told to stop while it was still starting', async () => {
    await second?.jobs.stop(5_000);
    second = undefined;
    const organisation = await makeOrganisation();
    const [entry] = await Evidence.insertMany([
      { organisation: organisation._id, kind: 'dmarc', subject: 'late.stopping.test' },
    ]);
    const starting = testApp.services.jobs.start();
    await testApp.services.jobs.stop(5_000);
    await starting;
    expect(testApp.services.jobs.running).toBe(false);

    await testApp.services.jobs.enqueue({ task: 'evidence.check', data: { evidenceId: String(entry?._id) } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(peers.dns.questions).not.toContain(question('late.stopping.test'));
    const jobs = mongoose.connection.collection(JOBS_COLLECTION);
    expect(await jobs.countDocuments({ 'data.evidenceId': String(entry?._id), lastRunAt: null })).toBe(1);
  });
});
