import type { QueryOperator } from 'mingo/types';
import { compareBson, typeRank } from '../bson-order';
import { CommandError } from '../errors';
import { collectPathValues } from './paths';

type Candidate = (value: unknown) => boolean;

/** Builds a predicate over a field path: true when any value the path reaches satisfies `test`. */
function fieldPredicate(selector: string, test: Candidate, matchesMissing: boolean) {
  const parts = selector.split('.');
  return (doc: unknown): boolean => {
    const { values, missing } = collectPathValues(doc, parts);
    if (values.some(test)) return true;
    return matchesMissing && (missing || values.length === 0);
  };
}

function equalsTest(expected: unknown): Candidate {
  return (value) => compareBson(value ?? null, expected) === 0;
}

function rangeTest(expected: unknown, accept: (order: number) => boolean): Candidate {
  const rank = typeRank(expected);
  return (value) => typeRank(value ?? null) === rank && accept(compareBson(value ?? null, expected));
}

function inTest(list: unknown): Candidate {
  if (!Array.isArray(list)) throw new CommandError('BadValue', '$in needs an array');
  const patterns = list.filter((item): item is RegExp => item instanceof RegExp);
  const plain = list.filter((item) => !(item instanceof RegExp));
  return (value) =>
    plain.some((item) => compareBson(value ?? null, item) === 0) ||
    (typeof value === 'string' && patterns.some((pattern) => pattern.test(value)));
}

const isNull = (value: unknown): boolean => value === null || value === undefined;

const $eq = (selector: string, value: unknown) => fieldPredicate(selector, equalsTest(value), isNull(value));
const $ne = (selector: string, value: unknown) => {
  const eq = $eq(selector, value);
  return (doc: unknown) => !eq(doc);
};
const range =
  (accept: (order: number) => boolean, inclusive: boolean) => (selector: string, value: unknown) =>
    fieldPredicate(selector, rangeTest(value, accept), inclusive && isNull(value));
const $in = (selector: string, value: unknown) =>
  fieldPredicate(selector, inTest(value), Array.isArray(value) && value.some(isNull));
const $nin = (selector: string, value: unknown) => {
  const inside = $in(selector, value);
  return (doc: unknown) => !inside(doc);
};

/** Comparison operators that follow BSON order (Long, Decimal128, ObjectId, mixed types) via compareBson. */
export const comparisonOperators = {
  $eq,
  $ne,
  $gt: range((order) => order > 0, false),
  $gte: range((order) => order >= 0, true),
  $lt: range((order) => order < 0, false),
  $lte: range((order) => order <= 0, true),
  $in,
  $nin,
} as unknown as Record<string, QueryOperator>;
