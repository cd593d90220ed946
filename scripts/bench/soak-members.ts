import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { request } from 'undici';
import { systemActor } from '../../src/audit/actor';
import { loadConfig } from '../../src/config';
import { connectDatabase } from '../../src/db';
import { createLogger } from '../../src/logger';
import { Organisation } from '../../src/models/organisation';
import { createServices } from '../../src/services';

export interface MemberAccount {
  email: string;
  password: string;
  slug: string;
  initiative: string;
}

export interface MemberSession extends MemberAccount {
  cookies: Map<string, string>;
  /** The forwarded client address this member's requests come from (the proxy is trusted). */
  address: string;
}

/**
 * COUNT member accounts (no two-factor) on synthetic organisations that belong to an initiative, created
 * through the app's own account service on the data directory, as `npm run users -- add` creates them.
 */
export async function createMemberAccounts(env: NodeJS.ProcessEnv, count: number): Promise<MemberAccount[]> {
  const config = loadConfig(env);
  const logger = createLogger({ ...config, logLevel: 'warn' }, pino.destination(2));
  const database = await connectDatabase(config, logger);
  try {
    const services = createServices({ config, logger, connection: database.connection });
    const organisations = await Organisation.find({ origin: { $eq: 'synthetic' }, 'memberships.status': { $eq: 'active' } })
      .select('slug memberships')
      .limit(count)
      .lean();
    if (organisations.length < count) throw new Error(`only ${organisations.length} synthetic members for ${count} accounts`);
    const accounts: MemberAccount[] = [];
    for (const [n, organisation] of organisations.entries()) {
      const initiative = organisation.memberships.find((membership) => membership.status === 'active')?.initiative ?? '';
      const account = { email: `soak-member-${n}@bench.example`, password: `Soak-${randomBytes(12).toString('hex')}`, slug: organisation.slug, initiative };
      await services.accounts.createUser(systemActor('bench-soak'), { email: account.email, role: 'member', organisationSlug: account.slug, password: account.password });
      accounts.push(account);
    }
    return accounts;
  } finally {
    await database.close();
  }
}

/** Keeps every cookie the server sets, as a browser would. */
export function keepCookies(cookies: Map<string, string>, setCookie: string | string[] | undefined): void {
  for (const line of [setCookie ?? []].flat()) {
    const [pair = ''] = line.split(';');
    const equals = pair.indexOf('=');
    if (equals > 0) cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1));
  }
}

export const cookieHeader = (cookies: Map<string, string>): string => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

export const formToken = (html: string): string | undefined => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in through the real form (CSRF token from the page, then the post), from the member's own address. */
export async function signInMember(baseUrl: string, account: MemberAccount, address: string): Promise<MemberSession> {
  const cookies = new Map<string, string>();
  const headers = { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' };
  const page = await request(`${baseUrl}/account/sign-in`, { headers });
  keepCookies(cookies, page.headers['set-cookie']);
  const token = formToken(await page.body.text());
  if (!token) throw new Error(`the sign-in page gave no form token (status ${page.statusCode})`);
  const answer = await request(`${baseUrl}/account/sign-in`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ _csrf: token, email: account.email, password: account.password }).toString(),
  });
  await answer.body.dump();
  keepCookies(cookies, answer.headers['set-cookie']);
  if (answer.statusCode !== 303) throw new Error(`sign-in of ${account.email} answered ${answer.statusCode}`);
  return { ...account, cookies, address };
}
