import { checkDmarc } from '../../src/features/evidence/checks/dmarc';
import { dmarcWalkTargets } from '../../src/features/evidence/checks/dmarcTreeWalk';
import type { CheckContext } from '../../src/features/evidence/checks/context';
import { startCheckPeers, type CheckPeers } from './checkPeers';

const web = { A: ['127.0.0.1'] };
const zone = {
  'reject.test': web,
  '_dmarc.reject.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@reject.test'] },
  '_dmarc.quarantine.test': { TXT: ['v=DMARC1; p=quarantine'] },
  '_dmarc.none.test': { TXT: ['v=DMARC1; p=none; rua=mailto:dmarc@none.test'] },
  'missing.test': web,
  'several.test': web,
  '_dmarc.several.test': { TXT: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] },
  '_dmarc.bogus.test': { TXT: ['v=DMARC1; p=bogus'] },
  '_dmarc.pct150.test': { TXT: ['v=DMARC1; p=reject; pct=150'] },
  '_dmarc.pct50.test': { TXT: ['v=DMARC1; p=quarantine; pct=50'] },
  '_dmarc.noversion.test': { TXT: ['p=reject; rua=mailto:dmarc@noversion.test'] },
  '_dmarc.split.test': { TXT: [['v=DMARC1; p=rej', 'ect; rua=mailto:d@split.test']] },
  '_dmarc.upper.test': { TXT: ['V=DMARC1; P=REJECT; SP=NONE; FOO=bar'] },
  '_dmarc.testing.test': { TXT: ['v=DMARC1; p=reject; t=y'] },
  '_dmarc.reportsonly.test': { TXT: ['v=DMARC1; rua=mailto:dmarc@reportsonly.test'] },
  '_dmarc.nothing.test': { TXT: ['v=DMARC1; adkim=s'] },
  '_dmarc.mixed.test': { TXT: ['v=spf1 -all', 'v=DMARC1; p=quarantine'] },
  'parent.test': web,
  'mail.parent.test': web,
  '_dmarc.parent.test': { TXT: ['v=DMARC1; p=reject; sp=quarantine; np=none'] },
  'deep.test': web,
  'a.b.c.d.e.f.g.h.i.deep.test': web,
  '_dmarc.broken.test': { servfail: true },
  '_dmarc.slow.test': { silent: true },
};

let peers: CheckPeers;
let context: CheckContext;
beforeAll(async () => {
  peers = await startCheckPeers(zone);
  context = peers.context();
});
afterAll(() => peers.close());

const codes = (result: { problems: { code: string }[] }) => result.problems.map((found) => found.code);

describe('DMARC levels', () => {
  it.each([
    ['reject.test', 'reject'],
    ['quarantine.test', 'quarantine'],
    ['none.test', 'none'],
    ['missing.test', 'missing'],
    ['several.test', 'invalid'],
    ['bogus.test', 'invalid'],
    ['pct150.test', 'invalid'],
    ['noversion.test', 'missing'],
    ['split.test', 'reject'],
    ['upper.test', 'reject'],
    ['nothing.test', 'invalid'],
    ['mixed.test', 'quarantine'],
  ])('%s reads as %s', async (domain, level) => {
    const result = await checkDmarc(domain, context);
    expect(result).toMatchObject({ check: 'dmarc', level });
    if (level !== 'reject' && level !== 'quarantine') expect(result.problems.length).toBeGreaterThan(0);
  });

  it('reports a clean reject record with no problems and its fields', async () => {
    const result = await checkDmarc('reject.test', context);
    expect(result.problems).toEqual([]);
    expect(result.record).toBe('v=DMARC1; p=reject; rua=mailto:dmarc@reject.test');
    expect(result.fields).toMatchObject({
      p: 'reject',
      rua: ['mailto:dmarc@reject.test'],
      foundAt: 'reject.test',
    });
  });

  it('explains p=none, and says what is wrong with malformed records', async () => {
    expect(codes(await checkDmarc('none.test', context))).toEqual(['dmarc.policyNone']);
    expect((await checkDmarc('bogus.test', context)).problems).toEqual([
      { code: 'dmarc.badPolicy', params: { tag: 'p', value: 'bogus' } },
    ]);
    expect(codes(await checkDmarc('pct150.test', context))).toEqual(['dmarc.badPct']);
    expect(codes(await checkDmarc('several.test', context))).toEqual(['dmarc.severalRecords']);
    expect(codes(await checkDmarc('noversion.test', context))).toEqual(['dmarc.missing', 'dmarc.discarded']);
  });

  it('joins split TXT strings without spaces', async () => {
    const result = await checkDmarc('split.test', context);
    expect(result.record).toBe('v=DMARC1; p=reject; rua=mailto:d@split.test');
  });

  it('keeps the level but reports pct below 100 and t=y', async () => {
    const partial = await checkDmarc('pct50.test', context);
    expect(partial.level).toBe('quarantine');
    expect(partial.problems).toContainEqual({ code: 'dmarc.partialPct', params: { pct: 50 } });
    const testing = await checkDmarc('testing.test', context);
    expect(testing.level).toBe('reject');
    expect(codes(testing)).toEqual(['dmarc.testingMode']);
  });

  it('reads a missing p with a valid rua as none, with a problem', async () => {
    const result = await checkDmarc('reportsonly.test', context);
    expect(result.level).toBe('none');
    expect(codes(result)).toContain('dmarc.missingPolicyWithRua');
  });
});

describe('DMARC policy discovery by tree walk', () => {
  it('applies sp to an existing subdomain and np to a name that does not exist', async () => {
    const sub = await checkDmarc('mail.parent.test', context);
    expect(sub).toMatchObject({
      level: 'quarantine',
      fields: { foundAt: 'parent.test', policySource: 'sp' },
    });
    const ghost = await checkDmarc('ghost.parent.test', context);
    expect(ghost).toMatchObject({ level: 'none', fields: { policySource: 'np' } });
    const upper = await checkDmarc('www.upper.test', context);
    expect(upper.level).toBe('none');
  });

  it('asks at most 8 names, skipping to 7 labels for long names', async () => {
    const domain = 'a.b.c.d.e.f.g.h.i.deep.test';
    expect(dmarcWalkTargets(domain)).toEqual([
      domain,
      'e.f.g.h.i.deep.test',
      'f.g.h.i.deep.test',
      'g.h.i.deep.test',
      'h.i.deep.test',
      'i.deep.test',
      'deep.test',
      'test',
    ]);
    peers.dns.questions.length = 0;
    const result = await checkDmarc(domain, context);
    expect(result.level).toBe('missing');
    expect(peers.dns.questions.filter((question) => question.startsWith('TXT _dmarc.'))).toHaveLength(8);
  });

  it('answers error, not missing, when the DNS fails or never answers', async () => {
    const broken = await checkDmarc('broken.test', context);
    expect(broken.level).toBe('error');
    expect(broken.problems[0]).toMatchObject({ code: 'dns.failed', params: { reason: 'ESERVFAIL' } });
    const slow = await checkDmarc('slow.test', context);
    expect(slow.level).toBe('error');
    expect(slow.problems[0]).toMatchObject({ code: 'dns.failed', params: { reason: 'ETIMEOUT' } });
  });
});
