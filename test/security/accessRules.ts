/**
 * Who may reach what, as area rules by path plus an explicit override table. The authorisation matrix
 * (accessMatrix.test.ts) checks every route of the app's router stack against these; a route that matches
 * no rule fails the matrix, so a new area cannot go unchecked.
 */

export const VISITORS = [
  'anonymous',
  'memberOfA',
  'memberOfB',
  'disabledMember',
  'secretariatWithoutTwoFactor',
  'secretariat',
  'admin',
] as const;
export type Visitor = (typeof VISITORS)[number];

/**
 * - open: served (any answer but a sign-in redirect, 403, 404 or 5xx)
 * - signIn: 303 to the sign-in page (a gate adds `returnTo`; a finished sign-out-everywhere does not)
 * - hidden: 404, as for a page that does not exist
 * - refused: 403 or 404
 * - enrol: 303 to the two-factor enrolment page (staff must turn it on before anything else)
 */
export type Expected = 'open' | 'signIn' | 'hidden' | 'refused' | 'enrol';
export type Expectations = Record<Visitor, Expected>;

const everyone: Expectations = {
  anonymous: 'open',
  memberOfA: 'open',
  memberOfB: 'open',
  disabledMember: 'open',
  secretariatWithoutTwoFactor: 'enrol',
  secretariat: 'open',
  admin: 'open',
};
const signedIn: Expectations = { ...everyone, anonymous: 'signIn', disabledMember: 'signIn' };
const ownOrganisation: Expectations = { ...signedIn, memberOfB: 'hidden' };
const staffOnly: Expectations = { ...signedIn, memberOfA: 'hidden', memberOfB: 'hidden' };
/** Admin-only actions inside the secretariat: the secretariat is refused too. */
export const adminOnly: Expectations = { ...staffOnly, secretariat: 'refused' };

const codeStepOnly: Expectations = {
  anonymous: 'signIn',
  memberOfA: 'signIn',
  memberOfB: 'signIn',
  disabledMember: 'signIn',
  secretariatWithoutTwoFactor: 'enrol',
  secretariat: 'signIn',
  admin: 'signIn',
};

export interface AreaRule {
  area: string;
  /** Tried against the route's declared path, e.g. `/account/organisations/:slug/details`. */
  pattern: RegExp;
  expect: Expectations;
}

/** First match wins, so the narrower areas come first. */
export const AREA_RULES: AreaRule[] = [
  { area: 'developer tools (not registered in production)', pattern: /^\/dev(\/|$)/, expect: everyone },
  { area: 'secretariat (staff with two-factor)', pattern: /^\/secretariat(\/|$)/, expect: staffOnly },
  {
    area: "an organisation's member pages",
    pattern: /^\/account\/organisations\/:slug(\/|$)/,
    expect: ownOrganisation,
  },
  {
    area: 'signing in and account recovery',
    pattern: /^\/account\/(sign-in|reset-password|invitation)(\/|$)/,
    expect: everyone,
  },
  { area: "the signed-in user's own account", pattern: /^\/account(\/|$)/, expect: signedIn },
  {
    area: 'public pages, downloads, API and forms',
    pattern:
      /^\/(|signatories|initiatives|statistics|language|api|feed\.atom|apply|\.well-known|security\.txt|petitions|activities|relationships)([/.]|$)/,
    expect: everyone,
  },
];

/** Whole expectations or single cells that differ from the area rule, keyed by `METHOD /path`, each with why. */
export const OVERRIDES: Record<string, { why: string; expect: Partial<Expectations> }> = {
  'GET /account/organisations': {
    why: 'finding any organisation is for staff; members reach their own from /account',
    expect: { ...staffOnly },
  },
  'GET /account/two-factor': {
    why: 'the enrolment page is the one page staff without two-factor may reach',
    expect: { secretariatWithoutTwoFactor: 'open' },
  },
  'POST /account/two-factor': {
    why: 'turning two-factor on is the enrolment itself',
    expect: { secretariatWithoutTwoFactor: 'open' },
  },
  'GET /account/two-factor/recovery-codes': {
    why: 'shown right after enrolment',
    expect: { secretariatWithoutTwoFactor: 'open' },
  },
  'POST /account/sign-out': {
    why: 'anyone may sign out, staff before enrolling too; visitors without a session are simply sent home',
    expect: { anonymous: 'open', disabledMember: 'open', secretariatWithoutTwoFactor: 'open' },
  },
  'GET /account/sign-in/two-factor': {
    why: 'the code step follows a password step just passed; without one, everyone is sent to the first step',
    expect: { ...codeStepOnly },
  },
  'POST /account/sign-in/two-factor': {
    why: 'as its page: no code is checked without a password step just passed',
    expect: { ...codeStepOnly },
  },
};

/**
 * Requests that end the visitor's session (or all the user's sessions): the matrix sends them last, from a
 * fresh sign-in, and signs the visitor in again afterwards.
 */
export const ENDS_SESSION = new Set(['POST /account/sign-out', 'POST /account/security/sign-out-everywhere']);

const RULES_FILE = 'test/security/accessRules.ts';

/** The expected answer of each visitor for one route, or an error saying where to declare it. */
export function expectationsFor(method: string, path: string): Expectations {
  const key = `${method} ${path}`;
  const rule = AREA_RULES.find(({ pattern }) => pattern.test(path));
  const override = OVERRIDES[key];
  const complete = override && VISITORS.every((visitor) => override.expect[visitor] !== undefined);
  if (!rule && !complete) {
    throw new Error(
      `${key} matches no area rule: add its area to AREA_RULES (or the route to OVERRIDES) in ${RULES_FILE}, saying who may reach it`,
    );
  }
  return { ...rule?.expect, ...override?.expect } as Expectations;
}
