import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp, type Document } from 'mongodb';

/** Where a mismatch was found, for a readable failure. */
export class MatchError extends Error {}

export interface MatchContext {
  /** Looks up an entity for $$matchesEntity and $$sessionLsid. */
  entity(name: string): unknown;
}

function isDocument(value: unknown): value is Document {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  );
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long || value instanceof Int32 || value instanceof Double)
    return Number(value.valueOf());
  if (value instanceof Long) return value.toNumber();
  return undefined;
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' || v instanceof Double,
  string: (v) => typeof v === 'string',
  object: (v) => isDocument(v),
  array: (v) => Array.isArray(v),
  binData: (v) => v instanceof Binary,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  int: (v) => (typeof v === 'number' && Number.isInteger(v)) || v instanceof Int32,
  timestamp: (v) => v instanceof Timestamp,
  long: (v) => v instanceof Long || typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)),
  decimal: (v) => v instanceof Decimal128,
  number: (v) => asNumber(v) !== undefined || v instanceof Decimal128,
};

function checkType(actual: unknown, types: string | string[], path: string): void {
  const list = Array.isArray(types) ? types : [types];
  if (!list.some((type) => TYPE_CHECKS[type]?.(actual))) {
    throw new MatchError(`${path}: expected type ${list.join('|')}, got ${describe(actual)}`);
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}

function operatorOf(expected: Document): string | undefined {
  const keys = Object.keys(expected);
  return keys.length === 1 && keys[0]?.startsWith('$$') ? keys[0] : undefined;
}

function matchOperator(
  op: string,
  arg: unknown,
  actual: unknown,
  path: string,
  ctx: MatchContext,
  root: boolean,
): void {
  switch (op) {
    case '$$exists':
      if ((actual !== undefined) !== arg) throw new MatchError(`${path}: expected exists=${String(arg)}`);
      return;
    case '$$type':
      checkType(actual, arg as string | string[], path);
      return;
    case '$$unsetOrMatches':
      if (actual !== undefined) match(arg, actual, path, ctx, root);
      return;
    case '$$matchesEntity':
      match(ctx.entity(arg as string), actual, path, ctx, false);
      return;
    case '$$matchesHexBytes':
      if (
        !(actual instanceof Binary) ||
        Buffer.from(actual.buffer).toString('hex') !== String(arg).toLowerCase()
      )
        throw new MatchError(`${path}: bytes differ`);
      return;
    case '$$sessionLsid':
      match(ctx.entity(`${String(arg)}#lsid`), actual, path, ctx, false);
      return;
    case '$$lte': {
      const a = asNumber(actual);
      const e = asNumber(arg);
      if (a === undefined || e === undefined || a > e)
        throw new MatchError(`${path}: ${describe(actual)} > ${e}`);
      return;
    }
    case '$$matchAsDocument':
      if (typeof actual !== 'string') throw new MatchError(`${path}: expected a JSON string`);
      match(arg, JSON.parse(actual) as unknown, path, ctx, false);
      return;
    case '$$matchAsRoot':
      match(arg, actual, path, ctx, true);
      return;
    default:
      throw new MatchError(`${path}: unsupported operator ${op}`);
  }
}

/**
 * The unified format's matching: numbers compare by value across BSON types, root documents may carry
 * extra fields, nested ones may not, and $$ operators stand in for values.
 */
export function match(
  expected: unknown,
  actual: unknown,
  path: string,
  ctx: MatchContext,
  root: boolean,
): void {
  if (isDocument(expected)) {
    const op = operatorOf(expected);
    if (op) return matchOperator(op, expected[op], actual, path, ctx, root);
    if (!isDocument(actual)) throw new MatchError(`${path}: expected a document, got ${describe(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const sub = isDocument(value) ? operatorOf(value) : undefined;
      if (actual[key] === undefined && sub !== '$$exists' && sub !== '$$unsetOrMatches') {
        throw new MatchError(`${path}.${key}: missing (actual ${describe(actual)})`);
      }
      match(value, actual[key], `${path}.${key}`, ctx, false);
    }
    if (!root) {
      const extra = Object.keys(actual).filter((key) => !(key in expected) && actual[key] !== undefined);
      if (extra.length > 0) throw new MatchError(`${path}: unexpected fields ${extra.join(', ')}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      throw new MatchError(`${path}: expected ${describe(expected)}, got ${describe(actual)}`);
    }
    expected.forEach((value, i) => match(value, actual[i], `${path}[${i}]`, ctx, isDocument(value) && root));
    return;
  }
  matchScalar(expected, actual, path);
}

function matchScalar(expected: unknown, actual: unknown, path: string): void {
  const e = asNumber(expected);
  if (e !== undefined) {
    if (asNumber(actual) !== e) throw new MatchError(`${path}: expected ${e}, got ${describe(actual)}`);
    return;
  }
  if (
    expected instanceof Binary ||
    expected instanceof ObjectId ||
    expected instanceof Timestamp ||
    expected instanceof Decimal128
  ) {
    const same =
      actual !== null &&
      typeof actual === 'object' &&
      (expected as { equals?(o: unknown): boolean }).equals?.(actual) === true;
    if (!same && describe(expected) !== describe(actual))
      throw new MatchError(`${path}: ${describe(expected)} ≠ ${describe(actual)}`);
    return;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date) || actual.getTime() !== expected.getTime())
      throw new MatchError(`${path}: dates differ`);
    return;
  }
  if (expected instanceof RegExp) {
    if (!(actual instanceof RegExp) || String(actual) !== String(expected))
      throw new MatchError(`${path}: regexes differ`);
    return;
  }
  if (expected !== actual)
    throw new MatchError(`${path}: expected ${describe(expected)}, got ${describe(actual)}`);
}
