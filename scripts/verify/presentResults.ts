import { describeProblem } from '../../src/features/evidence/checks/describeProblem';
import type { CheckResult } from '../../src/features/evidence/checks/types';

/** The command line's JSON shape: problems in English, their codes and parameters alongside. */
export function presentResult(result: CheckResult) {
  return {
    check: result.check,
    level: result.level,
    problems: result.problems.map((found) => describeProblem(found, 'en')),
    problemCodes: result.problems,
    record: result.record,
    fields: result.fields,
  };
}

export function textReport(domain: string, results: CheckResult[]): string {
  const lines = [domain];
  for (const result of results) {
    lines.push(`  ${result.check.padEnd(13)} ${result.level}`);
    for (const found of result.problems) lines.push(`      - ${describeProblem(found, 'en')}`);
  }
  return lines.join('\n');
}
