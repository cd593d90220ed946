import { spawn, type ChildProcess } from 'node:child_process';
import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { JOBS_COLLECTION } from '../../src/jobs/jobQueue';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { projectRoot } from '../../src/paths';
import { mongoose, startTestApp, testSessionSecret, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { testPasswordHashingEnvironment } from '../helpers/passwordHashing';
import { startCheckPeers, type CheckPeers } from '../evidence/checkPeers';

jest.setTimeout(180_000);

/** Short enough to keep the suite quick, long enough for the test to see the job locked before the worker gives up on it. */
const LOCK_LIFETIME_MS = '5000';
const DOMAIN = 'killed.workers.test';
const QUESTION = `TXT _dmarc.${DOMAIN}`;

let peers: CheckPeers;
let testApp: TestApp;
let worker: ChildProcess | undefined;
let workerOutput = '';

beforeAll(async () => {
  // The DMARC name stays silent while the first worker runs, so its check is still waiting when it is killed.
  peers = await startCheckPeers({ [`_dmarc.${DOMAIN}`]: { silent: true } });
  testApp = await startTestApp({
    env: { JOBS_LOCK_LIFETIME_MS: LOCK_LIFETIME_MS },
    evidenceSettings: evidenceSettingsFrom({ EVIDENCE_MEASURE_WEBSITES: 'false' }),
    checkContext: peers.context(),
  });
});
afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) await killHard(worker);
  await testApp.stop();
  await peers.close();
});

/** `npm run worker` as its own process on the test's engine, asking the test's DNS peer. */
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...testPasswordHashingEnvironment,
      NODE_ENV: 'test',
      MONGODB_URI: testApp.engine.uri,
      SESSION_SECRET: testSessionSecret,
      LOG_LEVEL: 'warn',
      JOBS_POLL_MS: '100',
      JOBS_LOCK_LIFETIME_MS: LOCK_LIFETIME_MS,
      DNS_SERVERS: peers.dns.server,
      VERIFY_DNS_TIMEOUT_MS: '30000',
      EVIDENCE_MEASURE_WEBSITES: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
  return child;
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function eventually(done: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt++) {
    if (await done()) return;
    if (worker && worker.exitCode !== null) throw new Error(`the worker exited while waiting for ${what}:\n${workerOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}:\n${workerOutput}`);
}

describe('a worker killed mid-job', () => {
  it('leaves its job locked until the lock expires; another worker then runs it to completion once', async () => {
    const organisation = await makeOrganisation();
    // Not due for a check, so no sweep queues a second job for it.
    const entry = await Evidence.create({
      organisation: organisation._id,
      kind: 'dmarc',
      subject: DOMAIN,
      nextCheckAt: new Date(Date.now() + 86_400_000),
    });
    await testApp.services.jobs.enqueue({ task: 'evidence.check', data: { evidenceId: String(entry._id) } });
    const jobs = mongoose.connection.collection(JOBS_COLLECTION);
    const checkJob = () => jobs.findOne({ name: 'evidence.check', 'data.evidenceId': String(entry._id) });

    worker = startWorker();
    await eventually(async () => (await checkJob())?.['lockedAt'] != null && peers.dns.questions.includes(QUESTION), 'the first worker to lock the job and ask');
    await killHard(worker);

    const orphaned = await checkJob();
    expect(orphaned?.['lockedAt']).toBeInstanceOf(Date);
    expect(orphaned?.['failCount'] ?? 0).toBe(0);
    expect(peers.dns.questions.filter((question) => question === QUESTION)).toHaveLength(1);
    expect((await Evidence.findById(entry._id).lean())?.checkedAt).toBeNull();

    peers.dns.zone[`_dmarc.${DOMAIN}`] = { TXT: ['v=DMARC1; p=reject'] };
    await testApp.services.jobs.start();
    await eventually(async () => (await checkJob()) === null, 'the second worker to complete the job');

    expect(peers.dns.questions.filter((question) => question === QUESTION)).toHaveLength(2);
    const checked = await Evidence.findById(entry._id).lean();
    expect(checked?.status).toBe('verified');
    expect(checked?.history).toHaveLength(1);
    expect(checked?.history[0]?.status).toBe('verified');
    expect(await AuditEvent.countDocuments({ action: 'evidence.checked', 'subject.id': String(entry._id) })).toBe(1);
  });
});
