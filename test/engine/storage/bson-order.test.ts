import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { bsonKey } from '../../../src/engine/bson-key';
import { compareBson } from '../../../src/engine/bson-order';

/** One representative per type, in MongoDB's documented comparison order. */
const ordered: [string, unknown][] = [
  ['MinKey', new MinKey()],
  ['null', null],
  ['number', 3],
  ['string', 'abc'],
  ['object', { a: 1 }],
  ['array', [1, 2]],
  ['BinData', new Binary(Buffer.from([1, 2, 3]))],
  ['ObjectId', new ObjectId('64b7f0a0a0a0a0a0a0a0a0a0')],
  ['boolean', false],
  ['Date', new Date(0)],
  ['Timestamp', new Timestamp({ t: 1, i: 1 })],
  ['RegExp', /a/],
  ['MaxKey', new MaxKey()],
];

describe('compareBson type order (https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/)', () => {
  for (let i = 0; i < ordered.length; i++) {
    for (let j = 0; j < ordered.length; j++) {
      const [na, a] = ordered[i];
      const [nb, b] = ordered[j];
      const expected = Math.sign(i - j);
      it(`${na} vs ${nb} is ${expected}`, () => {
        expect(compareBson(a, b)).toBe(expected);
      });
    }
  }
});

describe('compareBson within types', () => {
  it('treats undefined as null', () => {
    expect(compareBson(undefined, null)).toBe(0);
    expect(bsonKey(undefined)).toBe(bsonKey(null));
  });

  it('compares numbers of every numeric type exactly', () => {
    expect(compareBson(new Int32(1), 1.0)).toBe(0);
    expect(compareBson(Long.fromNumber(1), new Double(1))).toBe(0);
    expect(compareBson(Decimal128.fromString('1.0'), 1)).toBe(0);
    expect(compareBson(Decimal128.fromString('0.1'), 0.1)).not.toBe(0);
    expect(compareBson(Long.fromString('9007199254740993'), 9007199254740992)).toBe(1);
    expect(compareBson(Long.fromString('9007199254740993'), Long.fromString('9007199254740992'))).toBe(1);
    expect(compareBson(Decimal128.fromString('9007199254740993'), Long.fromString('9007199254740993'))).toBe(
      0,
    );
    expect(compareBson(Decimal128.fromString('-1E+400'), -Number.MAX_VALUE)).toBe(-1);
    expect(compareBson(NaN, -Infinity)).toBe(-1);
    expect(compareBson(NaN, Decimal128.fromString('NaN'))).toBe(0);
    expect(compareBson(-0, 0)).toBe(0);
    expect(compareBson(2.5, Long.fromNumber(2))).toBe(1);
    expect(compareBson(-2.5, Long.fromNumber(-2))).toBe(-1);
    expect(compareBson(5e-324, 0)).toBe(1);
  });

  it('gives numerically equal values one key', () => {
    expect(bsonKey(new Int32(7))).toBe(bsonKey(Decimal128.fromString('7.00')));
    expect(bsonKey(Long.fromNumber(7))).toBe(bsonKey(7));
    expect(bsonKey(7)).not.toBe(bsonKey('7'));
    expect(bsonKey({ a: 1 })).toBe(bsonKey({ a: new Int32(1) }));
    expect(bsonKey({ a: 1, b: 2 })).not.toBe(bsonKey({ b: 2, a: 1 }));
  });

  it('compares strings by UTF-8 bytes and symbols as strings', () => {
    expect(compareBson('a', 'b')).toBe(-1);
    expect(compareBson('B', 'a')).toBe(-1);
    expect(compareBson('ab', 'a')).toBe(1);
    expect(compareBson('\u{1F600}', '\uFFFD')).toBe(1);
    expect(compareBson(new BSONSymbol('abc'), 'abc')).toBe(0);
  });

  it('compares objects field by field: type, then name, then value', () => {
    expect(compareBson({ a: 1 }, { a: 2 })).toBe(-1);
    expect(compareBson({ a: 'x' }, { a: 2 })).toBe(1);
    expect(compareBson({ a: 1 }, { b: 1 })).toBe(-1);
    expect(compareBson({ a: 1 }, { a: 1, b: 1 })).toBe(-1);
    expect(compareBson({ b: 1 }, { a: 'x' })).toBe(-1);
  });

  it('compares arrays element by element', () => {
    expect(compareBson([1, 2], [1, 3])).toBe(-1);
    expect(compareBson([1, 2], [1])).toBe(1);
    expect(compareBson([2], [1, 9])).toBe(1);
  });

  it('orders BinData by length, subtype, then bytes', () => {
    expect(compareBson(new Binary(Buffer.from([9])), new Binary(Buffer.from([1, 1])))).toBe(-1);
    expect(compareBson(new Binary(Buffer.from([1]), 0), new Binary(Buffer.from([0]), 4))).toBe(-1);
    expect(compareBson(new Binary(Buffer.from([1, 2])), new Binary(Buffer.from([1, 3])))).toBe(-1);
  });

  it('orders ObjectIds, booleans, dates, timestamps and regexps', () => {
    const first = new ObjectId('000000000000000000000001');
    const second = new ObjectId('000000000000000000000002');
    expect(compareBson(first, second)).toBe(-1);
    expect(compareBson(new ObjectId(first.toHexString()), first)).toBe(0);
    expect(compareBson(true, false)).toBe(1);
    expect(compareBson(new Date(5), new Date(4))).toBe(1);
    expect(compareBson(new Timestamp({ t: 2, i: 0 }), new Timestamp({ t: 1, i: 9 }))).toBe(1);
    expect(compareBson(new BSONRegExp('a', 'i'), /a/i)).toBe(0);
    expect(compareBson(/a/, /b/)).toBe(-1);
  });
});
