import { exactNumber, type ExactNumber } from './bson-numbers';
import { binaryParts, Rank, regexParts, stringOf, typeRank } from './bson-order';

function exactKey(n: ExactNumber): string {
  return n.kind === 'finite' ? `${n.coefficient}e${n.exponent}` : n.kind;
}

/**
 * A string equal for two values exactly when compareBson says they are equal, so values that MongoDB
 * treats as the same _id (1, 1.0, Long 1, Decimal128 "1.0") share one key.
 */
export function bsonKey(value: unknown): string {
  if (typeof value === 'string') return `s${value}`;
  const rank = typeRank(value);
  switch (rank) {
    case Rank.Number:
      return `n${exactKey(exactNumber(value))}`;
    case Rank.String:
      return `s${stringOf(value)}`;
    case Rank.ObjectId:
      return `o${(value as { toHexString(): string }).toHexString()}`;
    case Rank.Date:
      return `d${(value as Date).getTime()}`;
    case Rank.Array:
      return `a[${(value as unknown[]).map(bsonKey).join(',')}]`;
    case Rank.Object: {
      const entries = Object.entries(value as object).map(([k, v]) => `${JSON.stringify(k)}:${bsonKey(v)}`);
      return `{${entries.join(',')}}`;
    }
    case Rank.BinData: {
      const { bytes, subtype } = binaryParts(value);
      return `b${subtype}:${Buffer.from(bytes).toString('base64')}`;
    }
    case Rank.Timestamp: {
      const ts = value as { t: number; i: number };
      return `t${ts.t}:${ts.i}`;
    }
    case Rank.RegExp:
      return `r${JSON.stringify(regexParts(value))}`;
    case Rank.Boolean:
      return value ? 'T' : 'F';
    case Rank.Null:
      return 'z';
    default:
      return `k${rank}:${JSON.stringify(value) ?? ''}`;
  }
}
