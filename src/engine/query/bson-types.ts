import { ObjectId } from 'bson';

interface Tagged {
  _bsontype?: unknown;
}

const TAG_NAMES: Record<string, string> = {
  ObjectId: 'objectId',
  Long: 'long',
  Decimal128: 'decimal',
  Int32: 'int',
  Double: 'double',
  Binary: 'binData',
  Timestamp: 'timestamp',
  BSONRegExp: 'regex',
  Code: 'javascript',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  BSONSymbol: 'symbol',
  DBRef: 'dbPointer',
};

/** The MongoDB `$type` alias of a deserialised BSON value. */
export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'object':
      break;
    default:
      return 'javascript';
  }
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (value instanceof Uint8Array) return 'binData';
  const tag = (value as Tagged)._bsontype;
  return (typeof tag === 'string' && TAG_NAMES[tag]) || 'object';
}

export const TYPE_NUMBERS: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  14: 'symbol',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

export const NUMERIC_TYPES = new Set(['double', 'int', 'long', 'decimal']);

export function isObjectIdLike(value: unknown): value is ObjectId {
  return (value as Tagged | null)?._bsontype === 'ObjectId';
}

export function toObjectId(value: unknown): ObjectId | null {
  if (value === null || value === undefined) return null;
  if (isObjectIdLike(value)) return value;
  if (typeof value === 'string' && ObjectId.isValid(value) && value.length === 24) return new ObjectId(value);
  throw new Error(`Failed to parse objectId '${String(value)}' in $convert with no onError value`);
}
