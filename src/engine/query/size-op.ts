import { evalExpr } from 'mingo/core';
import type { ExpressionOperator, Options } from 'mingo/types';
import { CommandError } from '../errors';
import { bsonTypeName } from './bson-types';

/** `$size` fails, as in MongoDB, when its argument is missing or not an array (mingo answers null). */
const $size = (obj: unknown, expr: unknown, options: Options): number => {
  const operand = Array.isArray(expr) && expr.length === 1 ? expr[0] : expr;
  const value = evalExpr(obj, operand, options);
  if (!Array.isArray(value)) {
    throw new CommandError(
      'Location17124',
      `The argument to $size must be an array. Type of argument: ${bsonTypeName(value)}`,
    );
  }
  return value.length;
};

export const sizeOperator = { $size } as unknown as Record<string, ExpressionOperator>;
