/** Numbers of every BSON numeric type in one exact form, so Long beyond 2^53 and Decimal128 compare exactly. */
export type ExactNumber =
  | { kind: 'nan' }
  | { kind: '-inf' }
  | { kind: '+inf' }
  | { kind: 'finite'; coefficient: bigint; exponent: number };

const NAN: ExactNumber = { kind: 'nan' };
const NEG_INF: ExactNumber = { kind: '-inf' };
const POS_INF: ExactNumber = { kind: '+inf' };
const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

interface Tagged {
  _bsontype?: unknown;
}

function finite(coefficient: bigint, exponent: number): ExactNumber {
  if (coefficient === 0n) return { kind: 'finite', coefficient: 0n, exponent: 0 };
  let c = coefficient;
  let e = exponent;
  while (c % 10n === 0n) {
    c /= 10n;
    e += 1;
  }
  return { kind: 'finite', coefficient: c, exponent: e };
}

function fromDouble(x: number): ExactNumber {
  if (Number.isNaN(x)) return NAN;
  if (x === Infinity) return POS_INF;
  if (x === -Infinity) return NEG_INF;
  if (Number.isSafeInteger(x)) return finite(BigInt(x), 0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const negative = high >>> 31 === 1;
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent2: number;
  if (biased === 0) {
    exponent2 = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent2 = biased - 1075;
  }
  if (negative) mantissa = -mantissa;
  if (exponent2 >= 0) return finite(mantissa << BigInt(exponent2), 0);
  return finite(mantissa * 5n ** BigInt(-exponent2), exponent2);
}

function fromDecimalText(text: string): ExactNumber {
  if (text === 'NaN' || text === '-NaN') return NAN;
  if (text === 'Infinity') return POS_INF;
  if (text === '-Infinity') return NEG_INF;
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return NAN;
  const fraction = match[3] ?? '';
  const digits = BigInt(match[2] + fraction);
  const exponent = Number(match[4] ?? '0') - fraction.length;
  return finite(match[1] === '-' ? -digits : digits, exponent);
}

export function exactNumber(value: unknown): ExactNumber {
  if (typeof value === 'number') return fromDouble(value);
  if (typeof value === 'bigint') return finite(value, 0);
  const tag = (value as Tagged)._bsontype;
  if (tag === 'Long') return finite((value as { toBigInt(): bigint }).toBigInt(), 0);
  if (tag === 'Decimal128') return fromDecimalText(String(value));
  return fromDouble(Number((value as { value: unknown }).value));
}

function rankOf(n: ExactNumber): number {
  switch (n.kind) {
    case 'nan':
      return 0;
    case '-inf':
      return 1;
    case 'finite':
      return 2;
    default:
      return 3;
  }
}

/** NaN sorts below every other number, as in MongoDB. */
export function compareExactNumbers(a: ExactNumber, b: ExactNumber): number {
  if (a.kind !== 'finite' || b.kind !== 'finite') return Math.sign(rankOf(a) - rankOf(b));
  const sa = a.coefficient < 0n ? -1 : a.coefficient > 0n ? 1 : 0;
  const sb = b.coefficient < 0n ? -1 : b.coefficient > 0n ? 1 : 0;
  if (sa !== sb || sa === 0) return Math.sign(sa - sb);
  const common = Math.min(a.exponent, b.exponent);
  const x = a.coefficient * 10n ** BigInt(a.exponent - common);
  const y = b.coefficient * 10n ** BigInt(b.exponent - common);
  return x < y ? -1 : x > y ? 1 : 0;
}
