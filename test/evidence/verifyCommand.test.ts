import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/paths';
import type { Zone } from '../helpers/peers/dnsPeer';
import { startCheckPeers, type CheckPeers } from './checkPeers';

const run = promisify(execFile);
const domain = 'signatory.test';
const zone: Zone = {
  [domain]: { A: ['127.0.0.1'], TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
  [`_dmarc.${domain}`]: { TXT: ['v=DMARC1; p=none; rua=mailto:dmarc@signatory.test'] },
  [`_mta-sts.${domain}`]: { TXT: ['v=STSv1; id=2026'] },
  [`mta-sts.${domain}`]: { A: ['127.0.0.1'] },
};
const routes = {
  [`mta-sts.${domain}/.well-known/mta-sts.txt`]: {
    body: 'version: STSv1\nmode: enforce\nmx: mx.signatory.test\nmax_age: 86400\n',
  },
  [`${domain}/.well-known/security.txt`]: {
    body: 'Contact: mailto:security@signatory.test\nExpires: 2099-01-01T00:00:00Z\n',
  },
};

let peers: CheckPeers;
let directory: string;
let environment: NodeJS.ProcessEnv;
beforeAll(async () => {
  peers = await startCheckPeers(zone, routes);
  directory = mkdtempSync(path.join(os.tmpdir(), 'verify-ca-'));
  const caFile = path.join(directory, 'ca.pem');
  writeFileSync(caFile, peers.certificates.caPem);
  environment = {
    ...process.env,
    NODE_ENV: 'development',
    DNS_SERVERS: peers.dns.server,
    VERIFY_HTTPS_PORT: String(peers.https.port),
    VERIFY_ALLOW_PRIVATE_ADDRESSES: 'true',
    NODE_EXTRA_CA_CERTS: caFile,
  };
});
afterAll(async () => {
  await peers.close();
  rmSync(directory, { recursive: true, force: true });
});

const verify = (args: string[], env: NodeJS.ProcessEnv) =>
  run('npm', ['run', '--silent', 'verify', '--', ...args], { cwd: projectRoot, env });

describe('npm run verify -- --domain <name> --json', () => {
  it('prints one JSON document with the four checks, logs on stderr, and exits 0', async () => {
    const { stdout, stderr } = await verify(['--domain', domain, '--json'], environment);
    const document = JSON.parse(stdout) as {
      domain: string;
      results: { check: string; level: string; problems: string[] }[];
    };
    expect(document.domain).toBe(domain);
    expect(document.results.map(({ check, level }) => ({ check, level }))).toEqual([
      { check: 'dmarc', level: 'none' },
      { check: 'spf', level: 'fail' },
      { check: 'mta-sts', level: 'enforce' },
      { check: 'security-txt', level: 'valid' },
    ]);
    expect(document.results[0]?.problems[0]).toMatch(
      /p=none: mail that fails authentication is still delivered/,
    );
    expect(stderr).toContain(`Checking ${domain}`);
  });

  it('refuses loopback targets unless VERIFY_ALLOW_PRIVATE_ADDRESSES=true, still exiting 0', async () => {
    const { stdout } = await verify(['--domain', domain, '--json'], {
      ...environment,
      VERIFY_ALLOW_PRIVATE_ADDRESSES: undefined,
    });
    const { results } = JSON.parse(stdout) as { results: { check: string; level: string }[] };
    expect(results.find(({ check }) => check === 'security-txt')?.level).toBe('error');
    expect(results.find(({ check }) => check === 'spf')?.level).toBe('fail');
  });

  it('exits 2 with a message for something that is not a domain', async () => {
    await expect(verify(['--domain', 'https://x/y', '--json'], environment)).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('is not a domain name'),
    });
  });
});
