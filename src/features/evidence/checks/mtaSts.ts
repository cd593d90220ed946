import type { CheckContext } from './context';
import { fetchFailure, isPlainText } from './httpProblems';
import { parseMtaStsPolicy } from './mtaStsPolicy';
import { parseTagList, startsWithVersion } from './tagList';
import { problem, type CheckLevel, type CheckResult, type Problem } from './types';

type MtaStsResult = CheckResult<'mta-sts'>;
const MAX_POLICY_BYTES = 64 * 1024;

const result = (level: CheckLevel<'mta-sts'>, problems: Problem[], record: string | null, fields = {}) =>
  ({ check: 'mta-sts', level, problems, record, fields }) satisfies MtaStsResult;

export async function checkMtaSts(domain: string, context: CheckContext): Promise<MtaStsResult> {
  const name = `_mta-sts.${domain}`;
  const answer = await context.dns.txt(name);
  if (answer.status === 'error')
    return result('error', [problem('dns.failed', { name, reason: answer.reason })], null);
  const records =
    answer.status === 'found' ? answer.records.filter((text) => startsWithVersion(text, 'STSv1')) : [];
  if (records.length === 0) return result('missing', [problem('mtaSts.missing', { name })], null);
  if (records.length > 1)
    return result('invalid', [problem('mtaSts.severalRecords', { name })], records.join('\n'));
  const record = records[0] as string;
  const id = parseTagList(record).tags.get('id') ?? null;
  if (id === null || !/^[A-Za-z0-9]{1,32}$/.test(id)) {
    return result('invalid', [problem('mtaSts.badId', { name })], record, { id });
  }

  const url = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
  const fetched = await context.http.get(url, MAX_POLICY_BYTES, context.http.deadline());
  if (fetched.kind !== 'response') {
    const { level, found } = fetchFailure(fetched, url);
    return result(level, [found], record, { id, policyUrl: url });
  }
  const fields = { id, policyUrl: url, status: fetched.status };
  if (fetched.status >= 500) {
    return result('error', [problem('http.serverError', { url, status: fetched.status })], record, fields);
  }
  if (fetched.status >= 300 && fetched.status < 400) {
    return result('invalid', [problem('mtaSts.redirected', { url })], record, fields);
  }
  if (fetched.status !== 200) {
    return result(
      'invalid',
      [problem('mtaSts.policyStatus', { url, status: fetched.status })],
      record,
      fields,
    );
  }
  if (!isPlainText(fetched.contentType)) {
    const type = fetched.contentType || '—';
    return result('invalid', [problem('http.notPlainText', { url, type })], record, fields);
  }
  const { policy, errors } = parseMtaStsPolicy(fetched.body);
  const policyFields = { ...fields, ...policy, policy: fetched.body };
  if (errors.length > 0 || policy.mode === null) return result('invalid', errors, record, policyFields);
  const advice = {
    none: [problem('mtaSts.modeNone')],
    testing: [problem('mtaSts.modeTesting')],
    enforce: [],
  };
  return result(policy.mode, advice[policy.mode], record, policyFields);
}
