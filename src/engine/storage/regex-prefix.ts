import type { Document } from 'bson';
import type { FieldCondition } from './conditions';

const SPECIAL = new Set([...'.*+?()[]{}|\\^$']);
const QUANTIFIERS = new Set([...'*?{']);

/** The literal text every match of an anchored, case-sensitive regex starts with ('' when none). */
export function literalPrefix(pattern: string, flags: string): string {
  if (!pattern.startsWith('^') || /[imx]/.test(flags)) return '';
  let prefix = '';
  for (let i = 1; i < pattern.length; i++) {
    const char = pattern[i];
    if (SPECIAL.has(char)) {
      if (QUANTIFIERS.has(char) || char === '|') return char === '|' ? '' : prefix.slice(0, -1);
      return prefix;
    }
    prefix += char;
  }
  return prefix;
}

/** Strings starting with the regex's literal prefix: [prefix, prefix with its last unit raised). */
export function prefixRange(pattern: string, flags: string): FieldCondition | undefined {
  const prefix = literalPrefix(pattern, flags);
  if (prefix.length === 0 || pattern.includes('|')) return undefined;
  const last = prefix.charCodeAt(prefix.length - 1);
  if (last >= 0xd7ff) return undefined;
  const upper = prefix.slice(0, -1) + String.fromCharCode(last + 1);
  return { lo: { value: prefix, inclusive: true }, hi: { value: upper, inclusive: false } };
}

/** A regex written as a RegExp, a BSONRegExp, or `{ $regex, $options }`, as pattern and flags. */
export function regexOf(value: unknown, operators?: Document): [string, string] | undefined {
  if (value instanceof RegExp) return [value.source, value.flags];
  if (
    value !== null &&
    typeof value === 'object' &&
    (value as { _bsontype?: unknown })._bsontype === 'BSONRegExp'
  ) {
    const regex = value as { pattern: string; options: string };
    return [regex.pattern, regex.options];
  }
  if (typeof value === 'string' && operators) {
    const options = operators.$options;
    return [value, typeof options === 'string' ? options : ''];
  }
  return undefined;
}
