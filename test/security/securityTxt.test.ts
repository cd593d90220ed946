import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { configWarnings, loadConfig } from '../../src/config';
import { createCheckContext, type CheckContext } from '../../src/features/evidence/checks/context';
import { checkSecurityTxt } from '../../src/features/evidence/checks/securityTxt';
import { securityTxtFile } from '../../src/features/securityTxt/securityTxtFile';
import { startTestApp, type TestApp } from '../helpers/app';
import { startDnsPeer, type DnsPeer } from '../helpers/peers/dnsPeer';
import { createTestCertificates } from '../helpers/peers/testCa';

const contact = 'mailto:security@registry.test, https://registry.test/report';
const expires = new Date(Date.now() + 120 * 86_400_000);
const DAY_MS = 86_400_000;

let testApp: TestApp;
let dns: DnsPeer;
let server: https.Server;
let context: CheckContext;

beforeAll(async () => {
  testApp = await startTestApp({
    env: { SECURITY_TXT_CONTACT: contact, SECURITY_TXT_EXPIRES: expires.toISOString() },
  });
  // The registry itself, served over HTTPS under the test authority as `registry.test`, found through DNS.
  const certificates = createTestCertificates(['registry.test']);
  server = https.createServer({ key: certificates.keyPem, cert: certificates.certPem }, testApp.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dns = await startDnsPeer({ 'registry.test': { A: ['127.0.0.1'] } });
  context = createCheckContext({
    dnsServers: [dns.server],
    dnsTimeoutMs: 5_000,
    httpsPort: (server.address() as AddressInfo).port,
    httpTimeoutMs: 10_000,
    allowPrivateAddresses: true,
    ca: certificates.caPem,
  });
});
afterAll(async () => {
  await context.http.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await dns.close();
  await testApp.stop();
});

describe('the registry practises what it checks: its own security.txt', () => {
  it('serves the configured contacts and expiry as plain text', async () => {
    const response = await testApp.agent().get('/.well-known/security.txt');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toContain('Contact: mailto:security@registry.test\n');
    expect(response.text).toContain('Contact: https://registry.test/report\n');
    expect(response.text).toContain(`Expires: ${expires.toISOString()}\n`);
    const old = await testApp.agent().get('/security.txt');
    expect([old.status, old.headers['location']]).toEqual([301, '/.well-known/security.txt']);
  });

  it("passes the registry's own security.txt check, fetched over HTTPS as any member's would be", async () => {
    const result = await checkSecurityTxt('registry.test', context);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ check: 'security-txt', level: 'valid' });
    expect(result.fields).toMatchObject({ contact: contact.split(', '), expires: [expires.toISOString()] });
  });

  it('names its canonical address when the public address is known, and holds 180 days by default', () => {
    const config = loadConfig({ BASE_URL: 'https://registry.example.org' });
    expect(config.securityTxt.contact).toEqual(['mailto:security@localhost']);
    expect(config.securityTxt.expires.getTime()).toBeGreaterThan(Date.now() + 179 * DAY_MS);
    expect(config.securityTxt.expires.getTime()).toBeLessThan(Date.now() + 181 * DAY_MS);
    expect(securityTxtFile(config)).toContain(
      'Canonical: https://registry.example.org/.well-known/security.txt\n',
    );
    expect(securityTxtFile(loadConfig({}))).not.toContain('Canonical:');
  });

  it('warns at start when the file expires within 30 days, and refuses a contact that is not an address', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const soon = loadConfig({ SECURITY_TXT_EXPIRES: '2026-06-20T00:00:00Z' });
    expect(configWarnings(soon, now).join()).toMatch(
      /security\.txt expires within 30 days.*SECURITY_TXT_EXPIRES/,
    );
    const past = loadConfig({ SECURITY_TXT_EXPIRES: '2026-05-01T00:00:00Z' });
    expect(configWarnings(past, now).join()).toMatch(/security\.txt has expired/);
    const later = loadConfig({ SECURITY_TXT_EXPIRES: '2026-12-01T00:00:00+02:00' });
    expect(configWarnings(later, now)).toEqual([]);
    expect(() => loadConfig({ SECURITY_TXT_CONTACT: 'security at example' })).toThrow(/SECURITY_TXT_CONTACT/);
    expect(() => loadConfig({ SECURITY_TXT_EXPIRES: 'next year' })).toThrow(/SECURITY_TXT_EXPIRES/);
  });
});
