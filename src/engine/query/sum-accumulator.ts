import { Decimal128, Long } from 'bson';
import { $push, $sum as mingoSum } from 'mingo/operators/accumulator';
import type { AccumulatorOperator, Options } from 'mingo/types';
import { bsonTypeName } from './bson-types';
import { add, exactString, toExact } from './exact-arithmetic';

/** `$sum` that adds Long and Decimal128 exactly, returning Decimal128 when one takes part, as MongoDB does. */
function $sum(collection: unknown[], expr: unknown, options: Options): unknown {
  if (typeof expr === 'number') return mingoSum(collection as never, expr as never, options);
  const values = $push(collection as never, expr as never, options) as unknown[];
  const types = new Set(values.map(bsonTypeName));
  if (!types.has('decimal') && !types.has('long'))
    return mingoSum(collection as never, expr as never, options);
  let total = { mantissa: 0n, exponent: 0 };
  let inexact = false;
  for (const value of values) {
    const type = bsonTypeName(value);
    if (type === 'double') inexact = true;
    if (type !== 'int' && type !== 'double' && type !== 'long' && type !== 'decimal') continue;
    const exact = toExact(value);
    if (exact) total = add(total, exact);
  }
  if (types.has('decimal')) return Decimal128.fromString(exactString(total));
  if (inexact) return Number(exactString(total));
  return Long.fromBigInt(total.mantissa * 10n ** BigInt(Math.max(0, total.exponent)));
}

export const sumAccumulator = { $sum } as unknown as Record<string, AccumulatorOperator>;
