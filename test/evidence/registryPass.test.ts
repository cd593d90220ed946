import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { projectRoot } from '../../src/paths';
import { startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { startCheckPeers, type CheckPeers } from './checkPeers';

const run = promisify(execFile);
let peers: CheckPeers;
let testApp: TestApp;
let directory: string;

beforeAll(async () => {
  peers = await startCheckPeers(
    { 'member.test': { A: ['127.0.0.1'] }, '_dmarc.member.test': { TXT: ['v=DMARC1; p=reject'] } },
    { 'member.test/.well-known/security.txt': { body: 'Contact: mailto:s@member.test\n' } },
  );
  testApp = await startTestApp();
  directory = mkdtempSync(path.join(os.tmpdir(), 'registry-pass-'));
  writeFileSync(path.join(directory, 'ca.pem'), peers.certificates.caPem);
});
afterAll(async () => {
  await testApp.stop();
  await peers.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('npm run verify -- --org SLUG', () => {
  it('re-checks that organisation’s evidence through audited writes and prints a summary table', async () => {
    const organisation = await makeOrganisation({ domains: ['member.test'] });
    const other = await makeOrganisation();
    const dmarc = await Evidence.create({
      organisation: organisation._id,
      kind: 'dmarc',
      subject: 'member.test',
    });
    await Evidence.create({ organisation: organisation._id, kind: 'security-txt', subject: 'member.test' });
    const untouched = await Evidence.create({
      organisation: other._id,
      kind: 'dmarc',
      subject: 'member.test',
    });

    const { stdout, stderr } = await run(
      'npm',
      ['run', '--silent', 'verify', '--', '--org', String(organisation.slug)],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          NODE_ENV: 'development',
          LOG_LEVEL: 'silent',
          MONGODB_URI: testApp.engine.uri,
          DNS_SERVERS: peers.dns.server,
          VERIFY_HTTPS_PORT: String(peers.https.port),
          VERIFY_ALLOW_PRIVATE_ADDRESSES: 'true',
          NODE_EXTRA_CA_CERTS: path.join(directory, 'ca.pem'),
        },
      },
    );
    expect(stderr).toContain('Checking 2 evidence entries');
    expect(stdout).toMatch(/dmarc\s+reject → verified\s+1/);
    expect(stdout).toMatch(/security-txt\s+invalid → failing\s+1/);
    expect(await Evidence.findById(dmarc._id).lean()).toMatchObject({
      status: 'verified',
      latestResult: { level: 'reject' },
    });
    expect((await Evidence.findById(untouched._id).lean())?.checkedAt).toBeNull();
    const events = await AuditEvent.find({
      action: 'evidence.checked',
      organisation: organisation._id,
    }).lean();
    expect(events.map((event) => event.actor.label)).toEqual([
      'system:verify-command',
      'system:verify-command',
    ]);
  });
});
