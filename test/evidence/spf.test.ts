import { checkSpf } from '../../src/features/evidence/checks/spf';
import type { CheckContext } from '../../src/features/evidence/checks/context';
import type { Zone } from '../helpers/peers/dnsPeer';
import { startCheckPeers, type CheckPeers } from './checkPeers';

/** `name` includes step1, which includes step2… up to step<length>: `length` lookups. */
function includeChain(name: string, length: number): Zone {
  const zone: Zone = {};
  for (let i = 1; i <= length; i++) {
    const next = i < length ? ` include:step${i + 1}.${name}` : '';
    zone[`step${i}.${name}`] = { TXT: [`v=spf1 ip4:192.0.2.${i}${next} -all`] };
  }
  zone[name] = { TXT: [`v=spf1 include:step1.${name} -all`] };
  return zone;
}

const zone: Zone = {
  'fail.test': { TXT: ['v=spf1 ip4:192.0.2.1 -all', 'some-other=verification'] },
  'softfail.test': { TXT: ['v=spf1 ip6:2001:db8::1 ~all'] },
  'neutral.test': { TXT: ['v=spf1 ?all'] },
  'noall.test': { TXT: ['v=spf1 ip4:192.0.2.0/24'] },
  'passall.test': { TXT: ['v=spf1 +all'] },
  'missing.test': { TXT: ['google-site-verification=abc'] },
  'two.test': { TXT: ['v=spf1 -all', 'v=spf1 ~all'] },
  'upper.test': { TXT: ['V=SPF1 IP4:192.0.2.1 -ALL'] },
  'split.test': { TXT: [['v=spf1 ip4:192.0.2.1 ', '-all']] },
  ...includeChain('ten.test', 10),
  ...includeChain('eleven.test', 11),
  'redirect.test': { TXT: ['v=spf1 redirect=policy.redirect.test'] },
  'policy.redirect.test': { TXT: ['v=spf1 ip4:192.0.2.9 -all'] },
  'redirectall.test': { TXT: ['v=spf1 ?all redirect=policy.redirect.test'] },
  'badredirect.test': { TXT: ['v=spf1 redirect=nowhere.test'] },
  'badinclude.test': { TXT: ['v=spf1 include:nowhere.test -all'] },
  'voids.test': { TXT: ['v=spf1 a:gone1.test mx:gone2.test exists:gone3.test -all'] },
  'typo.test': { TXT: ['v=spf1 ip4:999.1.1.1 incude:x.test -all'] },
  'loop.test': { TXT: ['v=spf1 include:loop.test -all'] },
  'mail.test': {
    A: ['192.0.2.25'],
    MX: [{ exchange: 'mx.mail.test', priority: 10 }],
    TXT: ['v=spf1 a mx -all'],
  },
  'servfail.test': { servfail: true },
  'includefails.test': { TXT: ['v=spf1 include:servfail.test -all'] },
};

let peers: CheckPeers;
let context: CheckContext;
beforeAll(async () => {
  peers = await startCheckPeers(zone);
  context = peers.context();
});
afterAll(() => peers.close());

const codes = (result: { problems: { code: string }[] }) => result.problems.map((found) => found.code);

describe('SPF levels', () => {
  it.each([
    ['fail.test', 'fail'],
    ['softfail.test', 'softfail'],
    ['neutral.test', 'neutral'],
    ['noall.test', 'neutral'],
    ['passall.test', 'pass-all'],
    ['missing.test', 'missing'],
    ['nothing-here.test', 'missing'],
    ['two.test', 'invalid'],
    ['upper.test', 'fail'],
    ['split.test', 'fail'],
    ['mail.test', 'fail'],
    ['servfail.test', 'error'],
    ['includefails.test', 'error'],
  ])('%s reads as %s', async (domain, level) => {
    const result = await checkSpf(domain, context);
    expect(result).toMatchObject({ check: 'spf', level });
    if (['invalid', 'pass-all', 'error', 'neutral', 'missing'].includes(level)) {
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it('explains +all and ?all', async () => {
    expect(codes(await checkSpf('passall.test', context))).toEqual(['spf.passAll']);
    expect(codes(await checkSpf('neutral.test', context))).toEqual(['spf.neutral']);
    expect(codes(await checkSpf('two.test', context))).toEqual(['spf.severalRecords']);
  });

  it('counts a and mx lookups and reports the record', async () => {
    const result = await checkSpf('mail.test', context);
    expect(result.record).toBe('v=spf1 a mx -all');
    expect(result.fields).toMatchObject({ all: '-', lookups: 2, voidLookups: 0 });
  });
});

describe('SPF lookup limits through includes and redirects', () => {
  it('accepts 10 lookups with a warning, refuses 11', async () => {
    const ten = await checkSpf('ten.test', context);
    expect(ten).toMatchObject({ level: 'fail', fields: { lookups: 10 } });
    expect(ten.problems).toContainEqual({ code: 'spf.nearLookupLimit', params: { count: 10, max: 10 } });
    const eleven = await checkSpf('eleven.test', context);
    expect(eleven.level).toBe('invalid');
    expect(codes(eleven)).toEqual(['spf.tooManyLookups']);
  });

  it('takes the level from a redirect when there is no all, and ignores it when there is', async () => {
    const redirected = await checkSpf('redirect.test', context);
    expect(redirected).toMatchObject({ level: 'fail', fields: { lookups: 1 } });
    const ignored = await checkSpf('redirectall.test', context);
    expect(ignored).toMatchObject({ level: 'neutral', fields: { lookups: 0 } });
    expect(codes(ignored)).toContain('spf.redirectIgnored');
  });

  it('makes an include or redirect to a name without a record invalid', async () => {
    expect(codes(await checkSpf('badredirect.test', context))).toEqual(['spf.redirectWithoutRecord']);
    expect(await checkSpf('badinclude.test', context)).toMatchObject({
      level: 'invalid',
      problems: [{ code: 'spf.includeWithoutRecord', params: { name: 'nowhere.test' } }],
    });
  });

  it('refuses more than two void lookups, unreadable terms and loops', async () => {
    const voids = await checkSpf('voids.test', context);
    expect(voids).toMatchObject({ level: 'invalid', fields: { voidLookups: 3 } });
    expect(codes(voids)).toEqual(['spf.tooManyVoidLookups']);
    const typo = await checkSpf('typo.test', context);
    expect(typo.problems).toEqual([
      { code: 'spf.badTerms', params: { name: 'typo.test', terms: 'ip4:999.1.1.1 incude:x.test' } },
    ]);
    expect(codes(await checkSpf('loop.test', context))).toEqual(['spf.loop']);
  });
});
