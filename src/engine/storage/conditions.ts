import type { Document } from 'bson';
import { compareBson, typeRank } from '../bson-order';
import { prefixRange, regexOf } from './regex-prefix';

export interface Bound {
  value: unknown;
  inclusive: boolean;
}

/** What the filter says about one field, as far as an index can use it. */
export interface FieldCondition {
  points?: unknown[];
  lo?: Bound;
  hi?: Bound;
}

function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isOperatorObject(value: unknown): value is Document {
  if (!isPlainObject(value)) return false;
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

/** Values an index cannot look up directly (regex matches, array equality). */
function indexable(value: unknown): boolean {
  if (Array.isArray(value) || value instanceof RegExp) return false;
  const tag =
    value !== null && typeof value === 'object' ? (value as { _bsontype?: unknown })._bsontype : undefined;
  return tag !== 'BSONRegExp';
}

/** The first value of the next type in MongoDB's order, so a one-sided range stays within its type. */
const TYPE_BRACKETS: [number, unknown, unknown][] = [
  [typeRank(0), NaN, ''],
  [typeRank(''), '', {}],
  [typeRank(new Date(0)), new Date(-8.64e15), new Date(8.64e15)],
];

export function bracket(condition: FieldCondition): FieldCondition {
  const known = condition.lo ?? condition.hi;
  if (!known || (condition.lo && condition.hi)) return condition;
  const entry = TYPE_BRACKETS.find(([rank]) => rank === typeRank(known.value));
  if (!entry) return condition;
  if (condition.lo) {
    return { lo: condition.lo, hi: { value: entry[2], inclusive: entry[2] instanceof Date } };
  }
  return { lo: { value: entry[1], inclusive: true }, hi: condition.hi };
}

function fromOperators(ops: Document): FieldCondition | undefined {
  const condition: FieldCondition = {};
  for (const [op, value] of Object.entries(ops)) {
    if (op === '$eq' && indexable(value)) return { points: [value] };
    if (op === '$in' && Array.isArray(value) && value.every(indexable)) return { points: value };
    if (op === '$regex') {
      const regex = regexOf(value, ops);
      const range = regex && !condition.lo && !condition.hi ? prefixRange(...regex) : undefined;
      if (range) return range;
    }
    if (!indexable(value) || value === null || value === undefined) continue;
    if (op === '$gt' || op === '$gte') {
      const bound = { value, inclusive: op === '$gte' };
      if (!condition.lo || compareBson(value, condition.lo.value) > 0) condition.lo = bound;
    } else if (op === '$lt' || op === '$lte') {
      const bound = { value, inclusive: op === '$lte' };
      if (!condition.hi || compareBson(value, condition.hi.value) < 0) condition.hi = bound;
    }
  }
  return condition.lo || condition.hi ? condition : undefined;
}

function addCondition(out: Map<string, FieldCondition>, field: string, condition: FieldCondition): void {
  const existing = out.get(field);
  if (!existing || (condition.points && !existing.points)) out.set(field, condition);
}

/** Per-field conditions an index can serve, from the filter's top level and top-level `$and`. */
export function extractConditions(
  filter: Document,
  out = new Map<string, FieldCondition>(),
): Map<string, FieldCondition> {
  for (const [field, value] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) extractConditions(part, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    if (isOperatorObject(value)) {
      const condition = fromOperators(value);
      if (condition) addCondition(out, field, condition);
    } else if (indexable(value)) {
      addCondition(out, field, { points: [value] });
    } else {
      const regex = regexOf(value);
      const range = regex && prefixRange(...regex);
      if (range) addCondition(out, field, range);
    }
  }
  return out;
}

export function distinctSorted(values: unknown[]): unknown[] {
  const sorted = [...values].sort(compareBson);
  return sorted.filter((v, i) => i === 0 || compareBson(sorted[i - 1], v) !== 0);
}
