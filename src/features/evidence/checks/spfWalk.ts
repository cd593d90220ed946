import { isVoid, type DnsAnswer, type DnsClient } from './dnsClient';
import { isSpfRecord, parseSpfRecord, type Qualifier, type SpfMechanism } from './spfRecord';
import { problem, type Problem } from './types';

export const MAX_SPF_LOOKUPS = 10;
export const MAX_VOID_LOOKUPS = 2;

/** Thrown to stop the walk: `invalid` for a permanent error, `error` when DNS could not answer. */
export class SpfStop extends Error {
  constructor(
    readonly outcome: 'invalid' | 'error',
    readonly found: Problem,
  ) {
    super(found.code);
  }
}

export interface SpfWalkState {
  lookups: number;
  voidLookups: number;
  includes: string[];
  warnings: Problem[];
}

const hasMacro = (name: string): boolean => name.includes('%');

function countLookup(state: SpfWalkState): void {
  state.lookups++;
  if (state.lookups > MAX_SPF_LOOKUPS) {
    throw new SpfStop('invalid', problem('spf.tooManyLookups', { max: MAX_SPF_LOOKUPS }));
  }
}

function noteAnswer(state: SpfWalkState, name: string, answer: DnsAnswer<unknown>): void {
  if (answer.status === 'error')
    throw new SpfStop('error', problem('dns.failed', { name, reason: answer.reason }));
  if (isVoid(answer)) state.voidLookups++;
  if (state.voidLookups > MAX_VOID_LOOKUPS) {
    throw new SpfStop('invalid', problem('spf.tooManyVoidLookups', { max: MAX_VOID_LOOKUPS }));
  }
}

/** The one v=spf1 record of a name that an include or redirect points at. */
async function targetRecord(dns: DnsClient, state: SpfWalkState, name: string, via: 'include' | 'redirect') {
  const answer = await dns.txt(name);
  noteAnswer(state, name, answer);
  const records = answer.status === 'found' ? answer.records.filter(isSpfRecord) : [];
  if (records.length === 0) throw new SpfStop('invalid', problem(`spf.${via}WithoutRecord`, { name }));
  if (records.length > 1) throw new SpfStop('invalid', problem('spf.severalRecords', { name }));
  return records[0] as string;
}

async function queryTerm(dns: DnsClient, state: SpfWalkState, domain: string, term: SpfMechanism) {
  const name = term.value ?? domain;
  if (hasMacro(name)) return;
  if (term.name === 'mx') noteAnswer(state, name, await dns.mx(name));
  if (term.name === 'exists') noteAnswer(state, name, await dns.ipv4(name));
  if (term.name === 'a') {
    const v4 = await dns.ipv4(name);
    if (v4.status === 'found' || v4.status === 'error') noteAnswer(state, name, v4);
    else noteAnswer(state, name, await dns.ipv6(name));
  }
}

/**
 * Follows a record through its includes and redirect as RFC 7208 §4.6.4 counts them, and returns the
 * qualifier of the `all` that ends evaluation (null: none, which reads as neutral).
 */
export async function walkSpf(
  dns: DnsClient,
  state: SpfWalkState,
  domain: string,
  text: string,
  chain: readonly string[],
): Promise<Qualifier | null> {
  const record = parseSpfRecord(text);
  if (record.errors.length > 0) {
    throw new SpfStop('invalid', problem('spf.badTerms', { name: domain, terms: record.errors.join(' ') }));
  }
  for (const term of record.mechanisms) {
    if (term.name === 'all') {
      if (record.redirect) state.warnings.push(problem('spf.redirectIgnored', { name: domain }));
      return term.qualifier;
    }
    if (term.name === 'ip4' || term.name === 'ip6') continue;
    countLookup(state);
    if (term.name === 'ptr') {
      state.warnings.push(problem('spf.ptr', { name: domain }));
    } else if (term.name === 'include' && term.value && !hasMacro(term.value)) {
      if (chain.includes(term.value)) throw new SpfStop('invalid', problem('spf.loop', { name: term.value }));
      state.includes.push(term.value);
      const included = await targetRecord(dns, state, term.value, 'include');
      await walkSpf(dns, state, term.value, included, [...chain, term.value]);
    } else {
      await queryTerm(dns, state, domain, term);
    }
  }
  if (!record.redirect || hasMacro(record.redirect)) return null;
  if (chain.includes(record.redirect))
    throw new SpfStop('invalid', problem('spf.loop', { name: record.redirect }));
  countLookup(state);
  const target = await targetRecord(dns, state, record.redirect, 'redirect');
  return walkSpf(dns, state, record.redirect, target, [...chain, record.redirect]);
}
