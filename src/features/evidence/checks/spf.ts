import type { CheckContext } from './context';
import { isSpfRecord, type Qualifier } from './spfRecord';
import { MAX_SPF_LOOKUPS, SpfStop, walkSpf, type SpfWalkState } from './spfWalk';
import { problem, type CheckLevel, type CheckResult, type Problem } from './types';

type SpfResult = CheckResult<'spf'>;

const levelOfAll: Record<Qualifier | 'none', CheckLevel<'spf'>> = {
  '+': 'pass-all',
  '?': 'neutral',
  none: 'neutral',
  '~': 'softfail',
  '-': 'fail',
};

const adviceOfLevel: Partial<Record<CheckLevel<'spf'>, string>> = {
  'pass-all': 'spf.passAll',
  neutral: 'spf.neutral',
};

const result = (
  level: CheckLevel<'spf'>,
  problems: Problem[],
  record: string | null,
  fields = {},
): SpfResult => ({
  check: 'spf',
  level,
  problems,
  record,
  fields,
});

export async function checkSpf(domain: string, context: CheckContext): Promise<SpfResult> {
  const answer = await context.dns.txt(domain);
  if (answer.status === 'error') {
    return result('error', [problem('dns.failed', { name: domain, reason: answer.reason })], null);
  }
  const records = answer.status === 'found' ? answer.records.filter(isSpfRecord) : [];
  if (records.length === 0) return result('missing', [problem('spf.missing', { domain })], null);
  if (records.length > 1) {
    return result('invalid', [problem('spf.severalRecords', { name: domain })], records.join('\n'));
  }
  const record = records[0] as string;
  const state: SpfWalkState = { lookups: 0, voidLookups: 0, includes: [], warnings: [] };
  try {
    const all = await walkSpf(context.dns, state, domain, record, [domain]);
    const level = levelOfAll[all ?? 'none'];
    const fields = {
      all: all ?? null,
      lookups: state.lookups,
      voidLookups: state.voidLookups,
      includes: state.includes,
    };
    const problems = [...state.warnings];
    const advice = adviceOfLevel[level];
    if (advice) problems.unshift(problem(advice));
    if (state.lookups >= MAX_SPF_LOOKUPS - 1) {
      problems.push(problem('spf.nearLookupLimit', { count: state.lookups, max: MAX_SPF_LOOKUPS }));
    }
    return result(level, problems, record, fields);
  } catch (error) {
    if (!(error instanceof SpfStop)) throw error;
    const fields = { lookups: state.lookups, voidLookups: state.voidLookups, includes: state.includes };
    return result(error.outcome, [error.found], record, fields);
  }
}
