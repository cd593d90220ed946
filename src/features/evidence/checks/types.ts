export const CHECK_NAMES = ['dmarc', 'spf', 'mta-sts', 'security-txt'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const CHECK_LEVELS = {
  dmarc: ['missing', 'invalid', 'none', 'quarantine', 'reject', 'error'],
  spf: ['missing', 'invalid', 'pass-all', 'neutral', 'softfail', 'fail', 'error'],
  'mta-sts': ['missing', 'invalid', 'none', 'testing', 'enforce', 'error'],
  'security-txt': ['missing', 'invalid', 'expired', 'valid', 'error'],
} as const satisfies Record<CheckName, readonly string[]>;

export type CheckLevel<C extends CheckName = CheckName> = (typeof CHECK_LEVELS)[C][number];

export type ProblemParams = Record<string, string | number>;

/** A finding in plain language: `code` names a message under `problem.` in the evidence locale files. */
export interface Problem {
  code: string;
  params?: ProblemParams;
}

export interface CheckResult<C extends CheckName = CheckName> {
  check: C;
  level: CheckLevel<C>;
  problems: Problem[];
  /** The raw record or document the result was read from, when there was one. */
  record: string | null;
  fields: Record<string, unknown>;
}

export const problem = (code: string, params?: ProblemParams): Problem =>
  params ? { code, params } : { code };
