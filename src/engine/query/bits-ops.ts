import type { QueryOperator } from 'mingo/types';
import { CommandError } from '../errors';
import { bsonTypeName } from './bson-types';
import { collectPathValues } from './paths';

type Test = (value: unknown) => boolean;

function fieldPredicate(selector: string, test: Test) {
  const parts = selector.split('.');
  return (doc: unknown): boolean => collectPathValues(doc, parts).values.some(test);
}

function asNumber(value: unknown): number | undefined {
  const name = bsonTypeName(value);
  if (name !== 'int' && name !== 'long' && name !== 'double' && name !== 'decimal') return undefined;
  return Number(typeof value === 'number' ? value : String(value));
}

/** Bit positions as a set, from a position list, a numeric mask or a BinData mask. */
function positionsOf(spec: unknown): number[] {
  if (Array.isArray(spec)) {
    if (!spec.every((p) => Number.isInteger(asNumber(p)) && (asNumber(p) as number) >= 0)) {
      throw new CommandError('BadValue', 'bit positions must be non-negative integers');
    }
    return spec.map((p) => asNumber(p) as number);
  }
  const bytes = binaryBytes(spec);
  if (bytes) return bitsOfBytes(bytes);
  const n = asNumber(spec);
  if (n === undefined || !Number.isInteger(n) || n < 0) {
    throw new CommandError(
      'BadValue',
      'a bitmask must be a non-negative integer, BinData or an array of positions',
    );
  }
  const positions: number[] = [];
  for (let bit = 0, mask = BigInt(n); mask > 0n; bit++, mask >>= 1n) if (mask & 1n) positions.push(bit);
  return positions;
}

function binaryBytes(value: unknown): Uint8Array | undefined {
  if (bsonTypeName(value) !== 'binData') return undefined;
  if (value instanceof Uint8Array) return value;
  return (value as { buffer: Uint8Array }).buffer;
}

function bitsOfBytes(bytes: Uint8Array): number[] {
  const positions: number[] = [];
  bytes.forEach((byte, index) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) positions.push(index * 8 + bit);
  });
  return positions;
}

/** Whether each bit is set in a value: integers as 64-bit two's complement, BinData little-endian. */
function bitReader(value: unknown): ((position: number) => boolean) | undefined {
  const bytes = binaryBytes(value);
  if (bytes)
    return (position) => position < bytes.length * 8 && (bytes[position >> 3] & (1 << (position & 7))) !== 0;
  const n = asNumber(value);
  if (n === undefined || !Number.isInteger(n)) return undefined;
  const exact = bsonTypeName(value) === 'long' ? (value as { toBigInt(): bigint }).toBigInt() : BigInt(n);
  const word = BigInt.asUintN(64, exact);
  const negative = n < 0;
  return (position) => (position >= 64 ? negative : ((word >> BigInt(position)) & 1n) === 1n);
}

function bitwise(accept: (set: boolean[]) => boolean) {
  return (selector: string, spec: unknown) => {
    const positions = positionsOf(spec);
    return fieldPredicate(selector, (value) => {
      const read = bitReader(value);
      return read !== undefined && accept(positions.map(read));
    });
  };
}

export const bitsOperators = {
  $bitsAllSet: bitwise((bits) => bits.every(Boolean)),
  $bitsAnySet: bitwise((bits) => bits.some(Boolean)),
  $bitsAllClear: bitwise((bits) => bits.every((bit) => !bit)),
  $bitsAnyClear: bitwise((bits) => bits.some((bit) => !bit)),
} as unknown as Record<string, QueryOperator>;
