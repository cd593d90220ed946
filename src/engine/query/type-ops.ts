import { evalExpr } from 'mingo/core';
import { $toString as mingoToString } from 'mingo/operators/expression/type';
import type { ExpressionOperator, Options, QueryOperator } from 'mingo/types';
import { CommandError } from '../errors';
import { bsonTypeName, NUMERIC_TYPES, toObjectId, TYPE_NUMBERS } from './bson-types';
import { collectPathValues } from './paths';

function typeNameOf(spec: unknown): string {
  if (typeof spec === 'number' && TYPE_NUMBERS[spec]) return TYPE_NUMBERS[spec];
  if (typeof spec === 'string' && (spec === 'number' || Object.values(TYPE_NUMBERS).includes(spec)))
    return spec;
  throw new CommandError('BadValue', `Unknown type name alias: ${String(spec)}`);
}

function typeMatches(value: unknown, wanted: string): boolean {
  const actual = bsonTypeName(value);
  if (wanted === 'number') return NUMERIC_TYPES.has(actual);
  if (wanted === 'double' && actual === 'int') return false;
  return actual === wanted;
}

/** `$type` query operator that knows ObjectId, Long, Decimal128 and the numeric aliases. */
const $typeQuery = (selector: string, spec: unknown) => {
  const wanted = (Array.isArray(spec) ? spec : [spec]).map(typeNameOf);
  const parts = selector.split('.');
  return (doc: unknown): boolean => {
    const { values } = collectPathValues(doc, parts);
    return values.some((value) => value !== undefined && wanted.some((name) => typeMatches(value, name)));
  };
};

export const typeQueryOperators = { $type: $typeQuery } as unknown as Record<string, QueryOperator>;

function argument(obj: unknown, expr: unknown, options: Options): unknown {
  const value = evalExpr(obj, expr, options);
  return Array.isArray(expr) && expr.length === 1 ? (value as unknown[])[0] : value;
}

const $type = (obj: unknown, expr: unknown, options: Options): string =>
  bsonTypeName(argument(obj, expr, options));

const $toString = (obj: unknown, expr: unknown, options: Options): unknown => {
  const value = argument(obj, expr, options);
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof RegExp)) {
    if (Array.isArray(value))
      throw new CommandError('BadValue', 'Unsupported conversion from array to string');
    const name = bsonTypeName(value);
    if (name === 'objectId' || name === 'long' || name === 'decimal' || name === 'int' || name === 'double') {
      return (value as { toString(): string }).toString();
    }
  }
  return mingoToString(obj as never, expr as never, options);
};

const $toObjectId = (obj: unknown, expr: unknown, options: Options): unknown => {
  try {
    return toObjectId(argument(obj, expr, options));
  } catch (error) {
    throw new CommandError('ConversionFailure', (error as Error).message);
  }
};

export const typeExpressionOperators = { $type, $toString, $toObjectId } as unknown as Record<
  string,
  ExpressionOperator
>;
