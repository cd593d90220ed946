import { isIP } from 'node:net';

export type Qualifier = '+' | '-' | '~' | '?';
export const LOOKUP_MECHANISMS = ['include', 'a', 'mx', 'ptr', 'exists'] as const;

export interface SpfMechanism {
  qualifier: Qualifier;
  name: 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';
  /** The domain-spec or address after `:`, without any CIDR length. */
  value: string | null;
}

export interface SpfRecord {
  mechanisms: SpfMechanism[];
  redirect: string | null;
  /** Terms that make the record a permanent error (RFC 7208 §4.6). */
  errors: string[];
}

const mechanismPattern =
  /^([+\-~?]?)(all|include|a|mx|ptr|ip4|ip6|exists)(?::([^/]*))?(\/\/?\d+(?:\/\/?\d+)?)?$/i;
const domainSpecPattern = /^[A-Za-z0-9._%{}+=~!-]+$/;

export const isSpfRecord = (text: string): boolean => /^v=spf1(\s|$)/i.test(text);

function needsValue(name: SpfMechanism['name']): boolean {
  return name === 'include' || name === 'exists' || name === 'ip4' || name === 'ip6';
}

function validValue(name: SpfMechanism['name'], value: string | null): boolean {
  if (value === null) return !needsValue(name);
  if (name === 'all') return false;
  if (name === 'ip4') return isIP(value) === 4;
  if (name === 'ip6') return isIP(value) === 6;
  return domainSpecPattern.test(value);
}

export function parseSpfRecord(text: string): SpfRecord {
  const record: SpfRecord = { mechanisms: [], redirect: null, errors: [] };
  const seenModifiers = new Set<string>();
  for (const term of text.trim().split(/\s+/).slice(1)) {
    const modifier = /^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$/.exec(term);
    if (modifier?.[1] && modifier[2] !== undefined) {
      const name = modifier[1].toLowerCase();
      if ((name === 'redirect' || name === 'exp') && seenModifiers.has(name)) record.errors.push(term);
      seenModifiers.add(name);
      if (name === 'redirect') {
        if (domainSpecPattern.test(modifier[2])) record.redirect = modifier[2].toLowerCase();
        else record.errors.push(term);
      }
      continue;
    }
    const match = mechanismPattern.exec(term);
    const name = match?.[2]?.toLowerCase() as SpfMechanism['name'] | undefined;
    const value = match?.[3] ?? null;
    if (!match || !name || !validValue(name, value)) {
      record.errors.push(term);
      continue;
    }
    const qualifier = (match[1] || '+') as Qualifier;
    record.mechanisms.push({ qualifier, name, value: value === null ? null : value.toLowerCase() });
  }
  return record;
}
