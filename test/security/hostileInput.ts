import fc from 'fast-check';

/** Keys a form parser might turn into nesting, operators or prototype writes. */
export const HOSTILE_KEYS = [
  'a[b][c]',
  '__proto__',
  '__proto__[admin]',
  'constructor[prototype][admin]',
  '$where',
  '$gt',
  'q[$ne]',
  'email[$regex]',
  'role[]',
  'name[0]',
];

const encode = (text: string): string => encodeURIComponent(text);

/** A value as it goes on the wire: encoded text, or raw bytes a browser would never send. */
const wireValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }).map(encode),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encode),
  fc
    .string({
      unit: fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\u2028', '\u202e', '\ufeff'),
      maxLength: 20,
    })
    .map(encode),
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%C0%AF', '%FF%FE', '%ED%A0%80', '%F4%90%80%80'),
  fc.constantFrom(
    '$gt',
    '{"$gt":""}',
    '{"$ne":null}',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    'javascript:alert(1)',
  ),
  fc.constantFrom(10_000, 200_000).map((length) => 'x'.repeat(length)),
);

/** `key=value` pairs over the route's own fields and the hostile keys, a key repeated to make an array. */
export const hostileFields = (fields: readonly string[]): fc.Arbitrary<[string, string][]> =>
  fc.array(fc.tuple(fc.constantFrom(...fields, ...HOSTILE_KEYS), wireValue), { minLength: 1, maxLength: 8 });

export const toWire = (pairs: readonly [string, string][]): string =>
  pairs.map(([key, value]) => `${encode(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${value}`).join('&');

/** Field names of the forms on a page (the route's own vocabulary). */
export const fieldNamesIn = (html: string): string[] =>
  [...new Set([...html.matchAll(/\sname="([^"]+)"/g)].map((match) => match[1]!))].filter(
    (name) => name !== '_csrf',
  );

/** Paths inside a stored document whose key is an operator or a prototype key. */
export function operatorKeysIn(value: unknown, path = ''): string[] {
  if (!value || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    const here = `${path}.${key}`;
    if (key.startsWith('$') || key === '__proto__' || key === 'constructor') found.push(here);
    found.push(...operatorKeysIn((value as Record<string, unknown>)[key], here));
  }
  return found;
}
