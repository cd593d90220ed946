import type { CheckContext } from './context';
import { fetchFailure, isPlainText } from './httpProblems';
import { fetchSecurityTxt } from './securityTxtFetch';
import { parseSecurityTxt, securityTxtErrors } from './securityTxtFields';
import { problem, type CheckLevel, type CheckResult, type Problem } from './types';

type SecurityTxtResult = CheckResult<'security-txt'>;
const DAY_MS = 86_400_000;

const result = (level: CheckLevel<'security-txt'>, problems: Problem[], record: string | null, fields = {}) =>
  ({ check: 'security-txt', level, problems, record, fields }) satisfies SecurityTxtResult;

function expiryAdvice(expires: Date, now: Date): Problem[] {
  const days = Math.floor((expires.getTime() - now.getTime()) / DAY_MS);
  if (days > 366) return [problem('securityTxt.expiresTooFar', { date: expires.toISOString().slice(0, 10) })];
  if (days < 30) return [problem('securityTxt.expiresSoon', { days, date: expires.toISOString().slice(0, 10) })];
  return [];
}

export async function checkSecurityTxt(domain: string, context: CheckContext): Promise<SecurityTxtResult> {
  const fetched = await fetchSecurityTxt(context.http, domain);
  if (fetched.kind === 'refused-redirect')
    return result('invalid', [fetched.found], null, { url: fetched.url });
  const { url, outcome } = fetched;
  if (outcome.kind !== 'response') {
    if (outcome.kind === 'no-address')
      return result('missing', [problem('securityTxt.noWebsite', { domain })], null);
    const { level, found } = fetchFailure(outcome, url);
    return result(level, [found], null, { url });
  }
  const base = { url, status: outcome.status };
  if (outcome.status === 404 || outcome.status === 410) {
    return result('missing', [problem('securityTxt.missing', { url })], null, base);
  }
  if (outcome.status >= 500)
    return result('error', [problem('http.serverError', { url, status: outcome.status })], null, base);
  if (outcome.status !== 200) {
    return result('invalid', [problem('securityTxt.status', { url, status: outcome.status })], null, base);
  }
  if (!isPlainText(outcome.contentType)) {
    return result(
      'invalid',
      [problem('http.notPlainText', { url, type: outcome.contentType || '—' })],
      null,
      base,
    );
  }
  const parsed = parseSecurityTxt(outcome.body);
  const fields = { ...base, ...parsed };
  const errors = securityTxtErrors(parsed, url);
  if (errors.length > 0) return result('invalid', errors, outcome.body, fields);
  const expires = new Date(parsed.expires[0] as string);
  const now = context.now();
  if (expires.getTime() <= now.getTime()) {
    return result(
      'expired',
      [problem('securityTxt.expired', { date: expires.toISOString().slice(0, 10) })],
      outcome.body,
      fields,
    );
  }
  const http = parsed.contact.filter((contact) => contact.toLowerCase().startsWith('http:'));
  const advice = [
    ...expiryAdvice(expires, now),
    ...http.map((value) => problem('securityTxt.contactNotHttps', { value })),
  ];
  return result('valid', advice, outcome.body, fields);
}
