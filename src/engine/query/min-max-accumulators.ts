import { $push } from 'mingo/operators/accumulator';
import type { AccumulatorOperator, Options } from 'mingo/types';
import { compareBson } from '../bson-order';

/**
 * `$max`/`$min` in MongoDB's BSON order (Decimal128, Long and mixed types included), null and missing values
 * ignored. Used as an expression, mingo passes the evaluated operand and no expression.
 */
function extreme(sign: 1 | -1) {
  return (collection: unknown[], expr: unknown, options: Options): unknown => {
    const values =
      expr === null || expr === undefined
        ? collection
        : ($push(collection as never, expr, options) as unknown[]);
    let best: unknown = null;
    for (const value of values) {
      if (value === null || value === undefined) continue;
      if (best === null || sign * compareBson(value, best) > 0) best = value;
    }
    return best;
  };
}

export const minMaxAccumulators = { $max: extreme(1), $min: extreme(-1) } as unknown as Record<
  string,
  AccumulatorOperator
>;
