import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { JOBS_COLLECTION } from '../../src/jobs/jobQueue';
import { createLogger } from '../../src/logger';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { createServices, type Services } from '../../src/services';
import type { Zone } from '../helpers/peers/dnsPeer';
import { mongoose, startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { startCheckPeers, type CheckPeers } from '../evidence/checkPeers';

jest.setTimeout(180_000);

const DOMAINS = Array.from({ length: 24 }, (_, i) => `d${i}.workers.test`);
let peers: CheckPeers;
let testApp: TestApp;
let second: Services;

beforeAll(async () => {
  const zone: Zone = {};
  for (const domain of DOMAINS) zone[`_dmarc.${domain}`] = { TXT: ['v=DMARC1; p=reject'] };
  peers = await startCheckPeers(zone);
  const evidenceSettings = evidenceSettingsFrom({ EVIDENCE_CHECK_CONCURRENCY: '4' });
  testApp = await startTestApp({ evidenceSettings, checkContext: peers.context() });
  second = createServices({
    config: testApp.config,
    logger: createLogger(testApp.config),
    connection: mongoose.connection,
    evidenceSettings,
    checkContext: peers.context(),
  });
});
afterAll(async () => {
  await second.jobs.stop(5_000);
  await testApp.stop();
  await peers.close();
});

async function eventually(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 600 && !(await done()); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('two workers on one database', () => {
  it('run each queued check exactly once between them', async () => {
    const organisation = await makeOrganisation();
    const entries = await Evidence.insertMany(DOMAINS.map((subject) => ({ organisation: organisation._id, kind: 'dmarc', subject })));
    for (const entry of entries) await testApp.services.jobs.enqueue({ task: 'evidence.check', data: { evidenceId: String(entry._id) } });

    await Promise.all([testApp.services.jobs.start(), second.jobs.start()]);
    const jobs = mongoose.connection.collection(JOBS_COLLECTION);
    await eventually(async () => (await jobs.countDocuments({ name: 'evidence.check' })) === 0);

    expect(await jobs.countDocuments({ name: 'evidence.check' })).toBe(0);
    expect(await Evidence.countDocuments({ organisation: organisation._id, status: 'verified' })).toBe(DOMAINS.length);
    for (const domain of DOMAINS) {
      expect([domain, peers.dns.questions.filter((question) => question === `TXT _dmarc.${domain}`).length]).toEqual([domain, 1]);
    }
    const checked = await AuditEvent.find({ action: 'evidence.checked', organisation: organisation._id }, { subject: 1 }).lean();
    expect(new Set(checked.map((event) => event.subject?.id)).size).toBe(DOMAINS.length);
    expect(checked).toHaveLength(DOMAINS.length);
  });
});
