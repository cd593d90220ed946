import { Decimal128, Long, type Document } from 'bson';
import { bsonTypeName } from './bson-types';
import { getPath, isPlainObject } from './paths';

/** value = mantissa × 10^exponent, exact. */
interface Exact {
  mantissa: bigint;
  exponent: number;
}

function parseExact(text: string): Exact | undefined {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', power = '0'] = match;
  return { mantissa: BigInt(`${sign}${whole}${fraction}`), exponent: Number(power) - fraction.length };
}

export function toExact(value: unknown): Exact | undefined {
  if (value === undefined || value === null) return { mantissa: 0n, exponent: 0 };
  const type = bsonTypeName(value);
  if (type === 'long') return { mantissa: (value as Long).toBigInt(), exponent: 0 };
  if (type === 'decimal' || type === 'int' || type === 'double') return parseExact(String(value));
  return undefined;
}

export function exactString({ mantissa, exponent }: Exact): string {
  const negative = mantissa < 0n;
  const digits = (negative ? -mantissa : mantissa).toString();
  let text: string;
  if (exponent >= 0) text = digits + '0'.repeat(exponent);
  else {
    const padded = digits.padStart(-exponent + 1, '0');
    text = `${padded.slice(0, exponent)}.${padded.slice(exponent)}`;
  }
  return negative ? `-${text}` : text;
}

export function add(a: Exact, b: Exact): Exact {
  const exponent = Math.min(a.exponent, b.exponent);
  const scale = (x: Exact) => x.mantissa * 10n ** BigInt(x.exponent - exponent);
  return { mantissa: scale(a) + scale(b), exponent };
}

function multiply(a: Exact, b: Exact): Exact {
  return { mantissa: a.mantissa * b.mantissa, exponent: a.exponent + b.exponent };
}

/** The exact result when Long or Decimal128 take part; undefined leaves the arithmetic to mingo. */
function exactResult(operator: string, current: unknown, amount: unknown): unknown {
  const types = [bsonTypeName(current), bsonTypeName(amount)];
  const decimal = types.includes('decimal');
  const long = types.includes('long') && !types.includes('double');
  if (!decimal && !long) return undefined;
  const a = toExact(current);
  const b = toExact(amount);
  if (!a || !b) return undefined;
  const result = operator === '$inc' ? add(a, b) : multiply(a, b);
  if (decimal) return Decimal128.fromString(exactString(result));
  return result.exponent >= 0 ? Long.fromBigInt(result.mantissa * 10n ** BigInt(result.exponent)) : undefined;
}

/**
 * MongoDB adds and multiplies Long and Decimal128 exactly and keeps their type; mingo uses doubles. Such
 * `$inc`/`$mul` entries are computed here and turned into `$set`.
 */
export function exactArithmetic(before: Document, modifier: Document): Document {
  let rewritten: Document | undefined;
  for (const operator of ['$inc', '$mul']) {
    const fields = modifier[operator];
    if (!isPlainObject(fields)) continue;
    for (const [path, amount] of Object.entries(fields)) {
      if (path.includes('$')) continue;
      const result = exactResult(operator, getPath(before, path), amount);
      if (result === undefined) continue;
      rewritten ??= { ...modifier };
      const remaining = { ...(rewritten[operator] as Document) };
      delete remaining[path];
      if (Object.keys(remaining).length > 0) rewritten[operator] = remaining;
      else delete rewritten[operator];
      rewritten.$set = { ...(rewritten.$set as Document | undefined), [path]: result };
    }
  }
  return rewritten ?? modifier;
}
