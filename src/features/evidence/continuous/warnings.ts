import type { Problem } from '../checks/types';

/** Findings that say something is about to break while it still works: shown apart, mailed once. */
export const WARNING_CODES = ['securityTxt.expiresSoon', 'spf.nearLookupLimit'] as const;

export const isWarning = (found: Pick<Problem, 'code'>): boolean =>
  (WARNING_CODES as readonly string[]).includes(found.code);

/** The warning state of a result: the warning codes it has, in a stable order (parameters such as days left do not count). */
export const warningState = (findings: readonly Pick<Problem, 'code'>[]): string[] =>
  [...new Set(findings.filter(isWarning).map((found) => found.code))].sort();

/** The warnings that a new result raises and the previous state did not have. */
export const newWarnings = (previous: readonly string[], next: readonly string[]): string[] =>
  next.filter((code) => !previous.includes(code));
