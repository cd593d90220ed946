import { intlLocale } from './collation-locale';
import type { Options, QueryOperator } from 'mingo/types';
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

type Compare = (a: unknown, b: unknown) => number;

/** String comparison follows the operation's collation (e.g. strength 2 is case-insensitive). */
function comparerFor(options: Options | undefined): Compare {
  const collation = options?.collation;
  if (!collation || typeof collation.locale !== 'string' || collation.locale === 'simple') return compareBson;
  const strength = collation.strength ?? 3;
  const collator = new Intl.Collator(intlLocale(collation.locale), {
    sensitivity: strength === 1 ? 'base' : strength === 2 ? 'accent' : 'variant',
    numeric: collation.numericOrdering === true,
  });
  return (a, b) =>
    typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : compareBson(a, b);
}

function equalsTest(expected: unknown, compare: Compare): Candidate {
  return (value) => compare(value ?? null, expected) === 0;
}

function rangeTest(expected: unknown, accept: (order: number) => boolean, compare: Compare): Candidate {
  const rank = typeRank(expected);
  return (value) => typeRank(value ?? null) === rank && accept(compare(value ?? null, expected));
}

function inTest(list: unknown, compare: Compare): Candidate {
  if (!Array.isArray(list)) throw new CommandError('BadValue', '$in needs an array');
  const patterns = list.filter((item): item is RegExp => item instanceof RegExp);
  const plain = list.filter((item) => !(item instanceof RegExp));
  return (value) =>
    plain.some((item) => compare(value ?? null, item) === 0) ||
    (typeof value === 'string' && patterns.some((pattern) => pattern.test(value)));
}

const isNull = (value: unknown): boolean => value === null || value === undefined;

const $eq = (selector: string, value: unknown, options?: Options) =>
  fieldPredicate(selector, equalsTest(value, comparerFor(options)), isNull(value));
const $ne = (selector: string, value: unknown, options?: Options) => {
  const eq = $eq(selector, value, options);
  return (doc: unknown) => !eq(doc);
};
const range =
  (accept: (order: number) => boolean, inclusive: boolean) =>
  (selector: string, value: unknown, options?: Options) =>
    fieldPredicate(selector, rangeTest(value, accept, comparerFor(options)), inclusive && isNull(value));
const $in = (selector: string, value: unknown, options?: Options) =>
  fieldPredicate(selector, inTest(value, comparerFor(options)), Array.isArray(value) && value.some(isNull));
const $nin = (selector: string, value: unknown, options?: Options) => {
  const inside = $in(selector, value, options);
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
