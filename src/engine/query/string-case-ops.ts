import { $toLower as mingoToLower, $toUpper as mingoToUpper } from 'mingo/operators/expression';
import type { ExpressionOperator, Options } from 'mingo/types';

type Operator = (obj: unknown, expr: unknown, options: Options) => unknown;

/** MongoDB's $toLower and $toUpper turn a null argument into an empty string; mingo keeps the null. */
function nullAsEmpty(operator: Operator): Operator {
  return (obj, expr, options) => operator(obj, expr, options) ?? '';
}

export const stringCaseOperators = {
  $toLower: nullAsEmpty(mingoToLower as unknown as Operator),
  $toUpper: nullAsEmpty(mingoToUpper as unknown as Operator),
} as unknown as Record<string, ExpressionOperator>;
