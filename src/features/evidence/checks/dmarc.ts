import type { CheckContext } from './context';
import { parseDmarcRecord, type DmarcRecord } from './dmarcRecord';
import { walkDmarcTree } from './dmarcTreeWalk';
import { problem, type CheckLevel, type CheckResult, type Problem } from './types';

type DmarcResult = CheckResult<'dmarc'>;

const result = (
  level: CheckLevel<'dmarc'>,
  problems: Problem[],
  record: string | null = null,
  fields: Record<string, unknown> = {},
): DmarcResult => ({ check: 'dmarc', level, problems, record, fields });

/** At a parent: `np` for a name that does not exist, else `sp`, falling back to `p` (RFC 9989 §4.7). */
async function applicablePolicy(context: CheckContext, domain: string, foundAt: string, record: DmarcRecord) {
  if (foundAt === domain) return { policy: record.p, source: 'p' };
  if (record.np) {
    const own = await context.dns.txt(domain);
    if (own.status === 'nxdomain') return { policy: record.np, source: 'np' };
  }
  return record.sp ? { policy: record.sp, source: 'sp' } : { policy: record.p, source: 'p' };
}

function advice(record: DmarcRecord, level: CheckLevel<'dmarc'>): Problem[] {
  const problems: Problem[] = [];
  if (level === 'none') problems.push(problem('dmarc.policyNone'));
  if (record.pct !== null && record.pct < 100)
    problems.push(problem('dmarc.partialPct', { pct: record.pct }));
  if (record.testing) problems.push(problem('dmarc.testingMode'));
  return problems;
}

export async function checkDmarc(domain: string, context: CheckContext): Promise<DmarcResult> {
  const walk = await walkDmarcTree(context.dns, domain);
  if (walk.status === 'error') {
    return result('error', [problem('dns.failed', { name: walk.name, reason: walk.reason })]);
  }
  if (walk.status === 'none') {
    const problems = [problem('dmarc.missing', { domain })];
    for (const text of walk.discarded) problems.push(problem('dmarc.discarded', { record: text }));
    return result('missing', problems, null, { queries: walk.queries });
  }
  if (walk.status === 'several') {
    const problems = [problem('dmarc.severalRecords', { name: `_dmarc.${walk.foundAt}` })];
    return result('invalid', problems, walk.records.join('\n'), {
      foundAt: walk.foundAt,
      queries: walk.queries,
    });
  }
  const { record, errors } = parseDmarcRecord(walk.record);
  const fields = { ...record, foundAt: walk.foundAt, queries: walk.queries };
  if (errors.length > 0) return result('invalid', errors, walk.record, fields);
  if (record.p === null) {
    if (record.rua.length === 0)
      return result('invalid', [problem('dmarc.missingPolicy')], walk.record, fields);
    const level = 'none';
    return result(
      level,
      [problem('dmarc.missingPolicyWithRua'), ...advice(record, level)],
      walk.record,
      fields,
    );
  }
  const { policy, source } = await applicablePolicy(context, domain, walk.foundAt, record);
  const level = policy ?? 'none';
  return result(level, advice(record, level), walk.record, { ...fields, policySource: source });
}
