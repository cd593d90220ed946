import { ObjectId } from 'bson';
import { exactNumber, compareExactNumbers } from './bson-numbers';

/** MongoDB's canonical type ranks (bsontypes.h canonicalizeBSONType), undefined folded into null. */
export enum Rank {
  MinKey = -1,
  Null = 5,
  Number = 10,
  String = 15,
  Object = 20,
  Array = 25,
  BinData = 30,
  ObjectId = 35,
  Boolean = 40,
  Date = 45,
  Timestamp = 47,
  RegExp = 50,
  DBRef = 55,
  Code = 60,
  CodeWithScope = 65,
  MaxKey = 127,
}

interface Tagged {
  _bsontype?: unknown;
}

function bsonType(value: object): string | undefined {
  const tag = (value as Tagged)._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

export function typeRank(value: unknown): Rank {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
    case 'undefined':
      return Rank.Null;
    case 'object':
      break;
    default:
      return Rank.Object;
  }
  if (value === null) return Rank.Null;
  if (Array.isArray(value)) return Rank.Array;
  if (value instanceof Date) return Rank.Date;
  if (value instanceof RegExp) return Rank.RegExp;
  if (value instanceof Uint8Array) return Rank.BinData;
  switch (bsonType(value)) {
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return Rank.Number;
    case 'ObjectId':
      return Rank.ObjectId;
    case 'Binary':
      return Rank.BinData;
    case 'Timestamp':
      return Rank.Timestamp;
    case 'MinKey':
      return Rank.MinKey;
    case 'MaxKey':
      return Rank.MaxKey;
    case 'BSONRegExp':
      return Rank.RegExp;
    case 'BSONSymbol':
      return Rank.String;
    case 'DBRef':
      return Rank.DBRef;
    case 'Code':
      return (value as { scope?: unknown }).scope ? Rank.CodeWithScope : Rank.Code;
    default:
      return Rank.Object;
  }
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Binary (UTF-8 byte) order: UTF-16 code units reordered so surrogates sort above U+E000..U+FFFF. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? sign(fixup(x) - fixup(y)) : sign(x - y);
  }
  return sign(a.length - b.length);
}

function fixup(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  return unit + 0x2000;
}

/** bson 7 keeps an ObjectId as four 24-bit big-endian numbers and allocates its `id` bytes on every read. */
interface PackedObjectId {
  i0?: unknown;
  i1?: unknown;
  i2?: unknown;
  i3?: unknown;
}

function isPacked(id: PackedObjectId): id is { i0: number; i1: number; i2: number; i3: number } {
  return (
    typeof id.i0 === 'number' &&
    typeof id.i1 === 'number' &&
    typeof id.i2 === 'number' &&
    typeof id.i3 === 'number'
  );
}

/** Byte order of the 12 bytes; from the packed numbers when available, so no bytes are allocated. */
function compareObjectIds(a: unknown, b: unknown): number {
  const x = a as PackedObjectId;
  const y = b as PackedObjectId;
  if (isPacked(x) && isPacked(y)) {
    if (x.i0 !== y.i0) return x.i0 < y.i0 ? -1 : 1;
    if (x.i1 !== y.i1) return x.i1 < y.i1 ? -1 : 1;
    if (x.i2 !== y.i2) return x.i2 < y.i2 ? -1 : 1;
    if (x.i3 !== y.i3) return x.i3 < y.i3 ? -1 : 1;
    return 0;
  }
  return compareBytes((a as { id: Uint8Array }).id, (b as { id: Uint8Array }).id);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return sign(a[i] - b[i]);
  }
  return sign(a.length - b.length);
}

export function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : String((value as { value: unknown }).value);
}

interface BinaryLike {
  buffer: Uint8Array;
  position: number;
  sub_type: number;
}

export function binaryParts(value: unknown): { bytes: Uint8Array; subtype: number } {
  if (value instanceof Uint8Array) return { bytes: value, subtype: 0 };
  const binary = value as BinaryLike;
  return { bytes: binary.buffer.subarray(0, binary.position), subtype: binary.sub_type };
}

export function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  const regex = value as { pattern: string; options: string };
  return [regex.pattern, regex.options];
}

function compareTimestamps(a: unknown, b: unknown): number {
  const x = a as { t: number; i: number };
  const y = b as { t: number; i: number };
  return x.t !== y.t ? sign(x.t - y.t) : sign(x.i - y.i);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const c = compareBson(a[i], b[i]);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function compareObjects(a: object, b: object): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const length = Math.min(ka.length, kb.length);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (let i = 0; i < length; i++) {
    const va = ra[ka[i]];
    const vb = rb[kb[i]];
    const byType = sign(typeRank(va) - typeRank(vb));
    if (byType !== 0) return byType;
    const byName = compareStrings(ka[i], kb[i]);
    if (byName !== 0) return byName;
    const byValue = compareBson(va, vb);
    if (byValue !== 0) return byValue;
  }
  return sign(ka.length - kb.length);
}

function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
  }
  return compareExactNumbers(exactNumber(a), exactNumber(b));
}

function compareSameRank(rank: Rank, a: unknown, b: unknown): number {
  switch (rank) {
    case Rank.MinKey:
    case Rank.Null:
    case Rank.MaxKey:
      return 0;
    case Rank.Number:
      return compareNumbers(a, b);
    case Rank.String:
      return compareStrings(stringOf(a), stringOf(b));
    case Rank.Array:
      return compareArrays(a as unknown[], b as unknown[]);
    case Rank.BinData: {
      const x = binaryParts(a);
      const y = binaryParts(b);
      if (x.bytes.length !== y.bytes.length) return sign(x.bytes.length - y.bytes.length);
      if (x.subtype !== y.subtype) return sign(x.subtype - y.subtype);
      return compareBytes(x.bytes, y.bytes);
    }
    case Rank.ObjectId:
      return compareObjectIds(a, b);
    case Rank.Boolean:
      return sign(Number(a) - Number(b));
    case Rank.Date:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case Rank.Timestamp:
      return compareTimestamps(a, b);
    case Rank.RegExp: {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return compareStrings(pa, pb) || compareStrings(fa, fb);
    }
    case Rank.Code:
    case Rank.CodeWithScope:
      return compareStrings(String((a as { code: unknown }).code), String((b as { code: unknown }).code));
    default:
      return compareObjects(a as object, b as object);
  }
}

/** MongoDB's comparison order across and within BSON types (the order of sort and of index keys). */
export function compareBson(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (a instanceof ObjectId && b instanceof ObjectId) return compareObjectIds(a, b);
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  return compareSameRank(ra, a, b);
}
