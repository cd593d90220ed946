import { request } from 'undici';
import { findInitiative } from '../../src/reference/initiatives';
import { cookieHeader, formToken, keepCookies, type MemberSession } from './soak-members';

const COUNTRIES = ['FR', 'DE', 'US', 'BR', 'IN', 'JP', 'KE', 'CA', 'MX', 'AU'];

/** What an anonymous visitor asks for, in turn: mostly pages, some API calls, a CSV download now and then. */
const VISIT: readonly string[] = [
  'home', 'directory-list', 'directory-filter', 'profile', 'statistics', 'api-list', 'api-profile', 'profile', 'directory-filter', 'home',
  'directory-list', 'profile', 'api-list', 'statistics', 'api-profile', 'directory-filter', 'profile', 'home', 'directory-list', 'csv',
];

export function visitPath(kind: string, n: number, slugs: readonly string[]): string {
  const country = COUNTRIES[n % COUNTRIES.length] ?? 'FR';
  const slug = encodeURIComponent(slugs[n % slugs.length] ?? '');
  switch (kind) {
    case 'home': return '/';
    case 'directory-list': return `/signatories?page=${1 + (n % 20)}`;
    case 'directory-filter': return `/signatories?country=${country}&category=private-sector&sort=name`;
    case 'profile': return `/signatories/${slug}`;
    case 'statistics': return '/statistics';
    case 'api-list': return `/api/v1/organisations?country=${country}`;
    case 'api-profile': return `/api/v1/organisations/${slug}`;
    default: return `/signatories.csv?country=${country}`;
  }
}

export interface KindStats {
  latencies: number[];
  failures: Map<string, number>;
}

export class SoakStats {
  readonly kinds = new Map<string, KindStats>();
  record(kind: string, ms: number, failure: string | null): void {
    const stats = this.kinds.get(kind) ?? { latencies: [], failures: new Map<string, number>() };
    this.kinds.set(kind, stats);
    stats.latencies.push(ms);
    if (failure) this.fail(kind, failure);
  }
  /** A failure found after the answer was timed (a form without its token). */
  fail(kind: string, failure: string): void {
    const stats = this.kinds.get(kind);
    stats?.failures.set(failure, (stats.failures.get(failure) ?? 0) + 1);
  }
}

interface Call { method?: 'GET' | 'POST'; headers: Record<string, string>; body?: string; keepText?: boolean }

/** One timed request, body read to the end; an answer other than 2xx/3xx or a socket error is a failure. */
async function timed(stats: SoakStats, kind: string, url: string, call: Call): Promise<{ status: number; text: string; setCookie?: string | string[] } | null> {
  const sent = performance.now();
  try {
    const answer = await request(url, { method: call.method ?? 'GET', headers: call.headers, body: call.body });
    let text = '';
    if (call.keepText) text = await answer.body.text();
    else for await (const chunk of answer.body) void chunk;
    const ok = answer.statusCode >= 200 && answer.statusCode < 400;
    stats.record(kind, performance.now() - sent, ok ? null : `HTTP ${answer.statusCode}`);
    return { status: answer.statusCode, text, setCookie: answer.headers['set-cookie'] };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    stats.record(kind, performance.now() - sent, typeof code === 'string' ? code : error instanceof Error ? error.name : 'error');
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An anonymous visitor from its own address, going through VISIT until the deadline. */
export async function visitor(baseUrl: string, id: number, slugs: readonly string[], stats: SoakStats, deadline: number): Promise<void> {
  const headers = { 'x-forwarded-for': `10.1.${id >> 8}.${id & 255}`, 'x-forwarded-proto': 'https' };
  for (let n = id; performance.now() < deadline; n++) {
    const kind = VISIT[n % VISIT.length] ?? 'home';
    await timed(stats, kind, `${baseUrl}${visitPath(kind, n * 7 + id, slugs)}`, { headers });
  }
}

/**
 * A signed-in member editing its pledge: the form (for its CSRF token), then a save changing the statement and
 * the commitments; at most one save a second, as a person would (the per-address write limit is 60 a minute).
 */
export async function member(baseUrl: string, session: MemberSession, stats: SoakStats, deadline: number): Promise<void> {
  const path = `${baseUrl}/account/organisations/${session.slug}/pledges/${session.initiative}`;
  const codes = findInitiative(session.initiative)?.commitments.map((commitment) => commitment.code) ?? [];
  for (let n = 0; performance.now() < deadline; n++) {
    const started = performance.now();
    const headers = () => ({ 'x-forwarded-for': session.address, 'x-forwarded-proto': 'https', cookie: cookieHeader(session.cookies) });
    const page = await timed(stats, 'pledge-form', path, { headers: headers(), keepText: true });
    keepCookies(session.cookies, page?.setCookie);
    const token = page ? formToken(page.text) : undefined;
    if (token) {
      const form = new URLSearchParams({ _csrf: token, statement: `Soak save ${n} by ${session.email}` });
      for (const [index, code] of codes.entries()) if ((index + n) % 2 === 0 || index === 0) form.append('commitments', code);
      const saved = await timed(stats, 'pledge-save', path, {
        method: 'POST', headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(),
      });
      keepCookies(session.cookies, saved?.setCookie);
    } else if (page) stats.fail('pledge-form', `no form token (HTTP ${page.status})`);
    await sleep(Math.max(0, 1_050 - (performance.now() - started)));
  }
}
