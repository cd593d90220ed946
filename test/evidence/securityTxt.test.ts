import { checkSecurityTxt } from '../../src/features/evidence/checks/securityTxt';
import { createCheckContext, type CheckContext } from '../../src/features/evidence/checks/context';
import type { Zone } from '../helpers/peers/dnsPeer';
import type { Routes } from '../helpers/peers/httpsPeer';
import { startCheckPeers, type CheckPeers } from './checkPeers';

const path = '/.well-known/security.txt';
const now = new Date('2026-06-01T00:00:00Z');
const inSixMonths = '2026-12-01T00:00:00Z';
const file = (...lines: string[]) => `${lines.join('\n')}\n`;
const good = file('# Our policy', 'Contact: mailto:security@valid.test', `Expires: ${inSixMonths}`);

const sites: Record<string, Routes[string] | undefined> = {
  'valid.test': { body: good },
  'signed.test': {
    body: file(
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      'Contact: https://signed.test/report',
      `Expires: ${inSixMonths}`,
      '- Canonical: https://signed.test/.well-known/security.txt',
      '-----BEGIN PGP SIGNATURE-----',
      'iQ==',
      '-----END PGP SIGNATURE-----',
    ),
  },
  'expired.test': { body: file('Contact: mailto:s@expired.test', 'Expires: 2026-01-01T00:00:00Z') },
  'nocontact.test': { body: file(`Expires: ${inSixMonths}`) },
  'twoexpires.test': {
    body: file('Contact: mailto:s@x.test', `Expires: ${inSixMonths}`, `Expires: ${inSixMonths}`),
  },
  'badexpires.test': { body: file('Contact: mailto:s@x.test', 'Expires: next year') },
  'twolanguages.test': { body: `${good}Preferred-Languages: en\nPreferred-Languages: fr\n` },
  'farexpiry.test': { body: file('Contact: mailto:s@x.test', 'Expires: 2029-01-01T00:00:00Z') },
  'soon.test': { body: file('Contact: mailto:s@x.test', 'Expires: 2026-06-10T00:00:00Z') },
  'canonical.test': { body: `${good}Canonical: https://elsewhere.test/.well-known/security.txt\n` },
  'html.test': { body: `<html>${good}</html>`, contentType: 'text/html; charset=utf-8' },
  'huge.test': { body: Buffer.alloc(10 * 1024 * 1024, '#') },
  'hang.test': { hang: true },
  'broken.test': { status: 503 },
  'forbidden.test': { status: 403 },
  'missing.test': undefined,
  'samesite.test': { status: 302, headers: { location: `https://www.samesite.test${path}` } },
  'www.samesite.test': { body: good },
  'offsite.test': { status: 301, headers: { location: `https://valid.test${path}` } },
  'plainhttp.test': { status: 301, headers: { location: `http://www.plainhttp.test${path}` } },
  'loop.test': { status: 302, headers: { location: `https://loop.test${path}` } },
};

const zone: Zone = {
  'ghost.test': { TXT: ['v=spf1 -all'] },
  'private.test': { A: ['10.1.2.3'] },
  'unanswered.test': { silent: true },
};
const routes: Routes = {};
for (const [host, route] of Object.entries(sites)) {
  zone[host] = { A: ['127.0.0.1'] };
  if (route) routes[`${host}${path}`] = route;
}

let peers: CheckPeers;
let context: CheckContext;
beforeAll(async () => {
  peers = await startCheckPeers(zone, routes);
  context = peers.context({ now: () => now });
});
afterAll(() => peers.close());

const codes = (result: { problems: { code: string }[] }) => result.problems.map((found) => found.code);

describe('security.txt', () => {
  it.each([
    ['valid.test', 'valid', []],
    ['signed.test', 'valid', []],
    ['expired.test', 'expired', ['securityTxt.expired']],
    ['nocontact.test', 'invalid', ['securityTxt.noContact']],
    ['twoexpires.test', 'invalid', ['securityTxt.severalExpires']],
    ['badexpires.test', 'invalid', ['securityTxt.badExpires']],
    ['twolanguages.test', 'invalid', ['securityTxt.severalPreferredLanguages']],
    ['farexpiry.test', 'valid', ['securityTxt.expiresTooFar']],
    ['soon.test', 'valid', ['securityTxt.expiresSoon']],
    ['canonical.test', 'invalid', ['securityTxt.canonicalMismatch']],
    ['html.test', 'invalid', ['http.notPlainText']],
    ['huge.test', 'invalid', ['http.tooLarge']],
    ['hang.test', 'error', ['http.unreachable']],
    ['broken.test', 'error', ['http.serverError']],
    ['forbidden.test', 'invalid', ['securityTxt.status']],
    ['missing.test', 'missing', ['securityTxt.missing']],
    ['ghost.test', 'missing', ['securityTxt.noWebsite']],
    ['never-resolves.test', 'missing', ['securityTxt.noWebsite']],
    ['unanswered.test', 'error', ['http.unreachable']],
    ['samesite.test', 'valid', []],
    ['offsite.test', 'invalid', ['securityTxt.redirectOffDomain']],
    ['plainhttp.test', 'invalid', ['securityTxt.redirectNotHttps']],
    ['loop.test', 'invalid', ['securityTxt.tooManyRedirects']],
  ])('%s reads as %s', async (domain, level, expected) => {
    const result = await checkSecurityTxt(domain, context);
    expect(result).toMatchObject({ check: 'security-txt', level });
    expect(codes(result)).toEqual(expected);
  });

  it('reads the fields of a signed file and records where it was found', async () => {
    const result = await checkSecurityTxt('signed.test', context);
    expect(result.fields).toMatchObject({
      signed: true,
      contact: ['https://signed.test/report'],
      url: `https://signed.test${path}`,
    });
    const moved = await checkSecurityTxt('samesite.test', context);
    expect(moved.fields).toMatchObject({ url: `https://www.samesite.test${path}` });
  });

  it('follows at most three redirects', async () => {
    peers.https.requests.length = 0;
    await checkSecurityTxt('loop.test', context);
    expect(peers.https.requests).toHaveLength(4);
  });

  it('refuses targets on private addresses unless allowed', async () => {
    const strict = peers.context({ allowPrivateAddresses: false, now: () => now });
    expect(codes(await checkSecurityTxt('valid.test', strict))).toEqual(['http.privateAddress']);
    expect((await checkSecurityTxt('private.test', strict)).level).toBe('error');
    expect((await checkSecurityTxt('valid.test', context)).level).toBe('valid');
  });

  it('does not trust a certificate from an unknown authority', async () => {
    const untrusting = createCheckContext({
      dnsServers: [peers.dns.server],
      httpsPort: peers.https.port,
      allowPrivateAddresses: true,
    });
    const result = await checkSecurityTxt('valid.test', untrusting);
    await untrusting.http.close();
    expect(result.level).toBe('invalid');
    expect(codes(result)).toEqual(['http.certificate']);
  });
});
