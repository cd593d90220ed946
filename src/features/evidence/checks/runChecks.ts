import type { CheckContext } from './context';
import { checkDmarc } from './dmarc';
import { checkMtaSts } from './mtaSts';
import { checkSecurityTxt } from './securityTxt';
import { checkSpf } from './spf';
import { problem, type CheckName, type CheckResult } from './types';

export const checks: Record<CheckName, (domain: string, context: CheckContext) => Promise<CheckResult>> = {
  dmarc: checkDmarc,
  spf: checkSpf,
  'mta-sts': checkMtaSts,
  'security-txt': checkSecurityTxt,
};

/** One check that never throws: a fault of ours is reported as `error` ("could not check"), not as absence. */
export async function runCheck(name: CheckName, domain: string, context: CheckContext): Promise<CheckResult> {
  try {
    return await checks[name](domain, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      check: name,
      level: 'error',
      problems: [problem('check.crashed', { reason })],
      record: null,
      fields: {},
    };
  }
}

export function runAllChecks(domain: string, context: CheckContext): Promise<CheckResult[]> {
  return Promise.all((Object.keys(checks) as CheckName[]).map((name) => runCheck(name, domain, context)));
}
