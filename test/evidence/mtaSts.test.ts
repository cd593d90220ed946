import { checkMtaSts } from '../../src/features/evidence/checks/mtaSts';
import type { CheckContext } from '../../src/features/evidence/checks/context';
import type { Zone } from '../helpers/peers/dnsPeer';
import type { Routes } from '../helpers/peers/httpsPeer';
import { startCheckPeers, type CheckPeers } from './checkPeers';

const policyPath = '/.well-known/mta-sts.txt';
const names = [
  'enforce',
  'testing',
  'none',
  'nomx',
  'badage',
  'html',
  'redirect',
  'notfound',
  'huge',
  'hang',
  'down',
];
const zone: Zone = {
  'missing.test': { A: ['127.0.0.1'] },
  '_mta-sts.two.test': { TXT: ['v=STSv1; id=1', 'v=STSv1; id=2'] },
};
for (const name of names) {
  zone[`_mta-sts.${name}.test`] = { TXT: ['v=STSv1; id=20260101T000000'] };
  zone[`mta-sts.${name}.test`] = { A: ['127.0.0.1'] };
}
zone['_mta-sts.noid.test'] = { TXT: ['v=STSv1;'] };
zone['mta-sts.down.test'] = { A: ['127.0.0.2'] };
zone['_mta-sts.nohost.test'] = { TXT: ['v=STSv1; id=abc'] };

const policy = (mode: string, extra = 'mx: mail.example.test\nmax_age: 604800') =>
  `version: STSv1\nmode: ${mode}\n${extra}\n`;
const routes: Routes = {
  [`mta-sts.enforce.test${policyPath}`]: { body: policy('enforce').replaceAll('\n', '\r\n') },
  [`mta-sts.testing.test${policyPath}`]: { body: policy('testing') },
  [`mta-sts.none.test${policyPath}`]: { body: policy('none') },
  [`mta-sts.nomx.test${policyPath}`]: { body: policy('enforce', 'max_age: 86400') },
  [`mta-sts.badage.test${policyPath}`]: { body: policy('enforce', 'mx: mx.test\nmax_age: 31557601') },
  [`mta-sts.html.test${policyPath}`]: { body: `<pre>${policy('enforce')}</pre>`, contentType: 'text/html' },
  [`mta-sts.redirect.test${policyPath}`]: {
    status: 301,
    headers: { location: `https://mta-sts.enforce.test${policyPath}` },
  },
  [`mta-sts.huge.test${policyPath}`]: { body: Buffer.alloc(10 * 1024 * 1024, 'a') },
  [`mta-sts.hang.test${policyPath}`]: { hang: true },
};

let peers: CheckPeers;
let context: CheckContext;
beforeAll(async () => {
  peers = await startCheckPeers(zone, routes);
  context = peers.context();
});
afterAll(() => peers.close());

const codes = (result: { problems: { code: string }[] }) => result.problems.map((found) => found.code);

describe('MTA-STS', () => {
  it.each([
    ['enforce.test', 'enforce', []],
    ['testing.test', 'testing', ['mtaSts.modeTesting']],
    ['none.test', 'none', ['mtaSts.modeNone']],
    ['missing.test', 'missing', ['mtaSts.missing']],
    ['two.test', 'invalid', ['mtaSts.severalRecords']],
    ['noid.test', 'invalid', ['mtaSts.badId']],
    ['nomx.test', 'invalid', ['mtaSts.policyFieldMissing']],
    ['badage.test', 'invalid', ['mtaSts.policyMaxAge']],
    ['html.test', 'invalid', ['http.notPlainText']],
    ['redirect.test', 'invalid', ['mtaSts.redirected']],
    ['notfound.test', 'invalid', ['mtaSts.policyStatus']],
    ['huge.test', 'invalid', ['http.tooLarge']],
    ['nohost.test', 'invalid', ['http.noAddress']],
    ['hang.test', 'error', ['http.unreachable']],
    ['down.test', 'error', ['http.unreachable']],
  ])('%s reads as %s', async (domain, level, expected) => {
    const result = await checkMtaSts(domain, context);
    expect(result).toMatchObject({ check: 'mta-sts', level });
    expect(codes(result)).toEqual(expected);
  });

  it('reports the policy it read', async () => {
    const result = await checkMtaSts('enforce.test', context);
    expect(result.record).toBe('v=STSv1; id=20260101T000000');
    expect(result.fields).toMatchObject({
      id: '20260101T000000',
      mode: 'enforce',
      mx: ['mail.example.test'],
      maxAge: 604800,
    });
  });

  it('never follows the redirect', async () => {
    peers.https.requests.length = 0;
    await checkMtaSts('redirect.test', context);
    expect(peers.https.requests).toEqual([`mta-sts.redirect.test${policyPath}`]);
  });
});
