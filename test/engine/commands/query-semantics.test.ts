import { Decimal128, Long, ObjectId } from 'bson';
import { mingoOptions } from '../../../src/engine/query/mingo-context';
import { compileProjection } from '../../../src/engine/query/projection';
import { makeComparator } from '../../../src/engine/query/sort';
import {
  applyUpdate,
  buildUpsertDocument,
  parseUpdateSpec,
  seedFromFilter,
} from '../../../src/engine/query/update';

const options = mingoOptions();

describe('projection', () => {
  const doc = {
    _id: 1,
    b: 2,
    a: { y: 1, x: 2 },
    list: [
      { k: 1, v: 'a' },
      { k: 2, v: 'b' },
    ],
  };

  it('keeps the source order for inclusion, with _id first', () => {
    expect(Object.keys(compileProjection({ b: 1, _id: 1, a: 1 }, {}, options)(doc))).toEqual([
      '_id',
      'b',
      'a',
    ]);
    expect(compileProjection({ 'a.x': 1, 'list.v': 1 }, {}, options)(doc)).toEqual({
      _id: 1,
      a: { x: 2 },
      list: [{ v: 'a' }, { v: 'b' }],
    });
    expect(compileProjection({ _id: 1 }, {}, options)(doc)).toEqual({ _id: 1 });
  });

  it('removes excluded paths, including nested ones inside arrays', () => {
    expect(compileProjection({ 'list.v': 0, a: 0, _id: 0 }, {}, options)(doc)).toEqual({
      b: 2,
      list: [{ k: 1 }, { k: 2 }],
    });
  });

  it('keeps document order for $elemMatch and computed projections', () => {
    const projected = compileProjection({ list: { $elemMatch: { k: 2 } }, b: 1 }, {}, options)(doc);
    expect(projected).toEqual({ _id: 1, b: 2, list: [{ k: 2, v: 'b' }] });
    expect(Object.keys(projected)).toEqual(['_id', 'b', 'list']);
  });
});

describe('sort comparator', () => {
  it('sorts arrays by their smallest element ascending and largest descending', () => {
    const docs = [{ v: [1, 9] }, { v: [5] }, { v: 3 }];
    expect([...docs].sort(makeComparator({ v: 1 })).map((d) => d.v)).toEqual([[1, 9], 3, [5]]);
    expect([...docs].sort(makeComparator({ v: -1 })).map((d) => d.v)).toEqual([[1, 9], [5], 3]);
  });

  it('applies collation strength and numeric ordering', () => {
    const docs = [{ s: 'item10' }, { s: 'Item2' }, { s: 'item1' }];
    const sorted = [...docs].sort(
      makeComparator({ s: 1 }, { locale: 'en', strength: 2, numericOrdering: true }),
    );
    expect(sorted.map((d) => d.s)).toEqual(['item1', 'Item2', 'item10']);
  });
});

describe('updates', () => {
  it('classifies replacements, operators and pipelines and rejects mixtures', () => {
    expect(parseUpdateSpec({ a: 1 }).kind).toBe('replacement');
    expect(parseUpdateSpec({ $set: { a: 1 }, $setOnInsert: { b: 1 } })).toEqual({
      kind: 'operators',
      modifier: { $set: { a: 1 } },
      setOnInsert: { b: 1 },
    });
    expect(parseUpdateSpec([{ $set: { a: 1 } }]).kind).toBe('pipeline');
    expect(() => parseUpdateSpec({ $set: { a: 1 }, b: 2 })).toThrow(expect.objectContaining({ code: 9 }));
  });

  it('never mutates the stored document and reports whether anything changed', () => {
    const before = { _id: 1, nested: { n: 1 } };
    const changed = applyUpdate(before, parseUpdateSpec({ $inc: { 'nested.n': 1 } }), {}, undefined, options);
    expect(changed).toEqual({ doc: { _id: 1, nested: { n: 2 } }, modified: true });
    expect(before.nested.n).toBe(1);
    const same = applyUpdate(before, parseUpdateSpec({ $set: { 'nested.n': 1 } }), {}, undefined, options);
    expect(same.modified).toBe(false);
  });

  it('updates the array element matched by the filter with the positional operator', () => {
    const before = { _id: 1, grades: [80, 90, 85] };
    const { doc } = applyUpdate(
      before,
      parseUpdateSpec({ $set: { 'grades.$': 95 } }),
      { grades: 90 },
      undefined,
      options,
    );
    expect(doc.grades).toEqual([80, 95, 85]);
  });

  it('seeds an upsert from the equality parts of the filter', () => {
    expect(
      seedFromFilter({
        a: 1,
        'b.c': 'x',
        d: { $gt: 1 },
        e: { $eq: 5 },
        $and: [{ f: true }],
        g: { $in: [7] },
      }),
    ).toEqual({ a: 1, b: { c: 'x' }, e: 5, f: true, g: 7 });
    const id = new ObjectId();
    const doc = buildUpsertDocument(
      { name: 'x' },
      parseUpdateSpec({ $set: { _id: id, v: 1 } }),
      undefined,
      options,
    );
    expect(doc).toEqual({ _id: id, name: 'x', v: 1 });
    expect(Object.keys(doc)[0]).toBe('_id');
    const generated = buildUpsertDocument(
      { k: 1 },
      parseUpdateSpec({ $setOnInsert: { c: 1 } }),
      undefined,
      options,
    );
    expect(generated._id).toBeInstanceOf(ObjectId);
    expect(generated).toMatchObject({ k: 1, c: 1 });
  });
});

describe('MongoDB validation mingo lacks', () => {
  it('rejects two operators on one path and arithmetic or array operators on the wrong type', () => {
    expect(() => parseUpdateSpec({ $set: { a: 1 }, $inc: { 'a.b': 1 } })).toThrow(
      expect.objectContaining({ code: 40 }),
    );
    const doc = { _id: 1, name: 'x', list: 'not an array' };
    expect(() => applyUpdate(doc, parseUpdateSpec({ $inc: { name: 1 } }), {}, undefined, options)).toThrow(
      expect.objectContaining({ code: 14 }),
    );
    expect(() => applyUpdate(doc, parseUpdateSpec({ $push: { list: 1 } }), {}, undefined, options)).toThrow(
      expect.objectContaining({ code: 2 }),
    );
  });

  it('slices arrays in projections while keeping the other fields', () => {
    const doc = { _id: 1, title: 't', list: [1, 2, 3, 4] };
    expect(compileProjection({ list: { $slice: 2 } }, {}, options)(doc)).toEqual({
      _id: 1,
      title: 't',
      list: [1, 2],
    });
    expect(compileProjection({ list: { $slice: -1 } }, {}, options)(doc)).toEqual({
      _id: 1,
      title: 't',
      list: [4],
    });
    expect(compileProjection({ list: { $slice: [1, 2] }, title: 0 }, {}, options)(doc)).toEqual({
      _id: 1,
      list: [2, 3],
    });
  });
});

describe('field order after updates', () => {
  it('appends new fields in lexicographic order, also inside existing embedded documents', () => {
    const before = { _id: 1, details: { make: 'x' } };
    const { doc } = applyUpdate(
      before,
      parseUpdateSpec({ $set: { zeta: 1, alpha: 2, 'details.zone': 1, 'details.area': 2 } }),
      {},
      undefined,
      options,
    );
    expect(JSON.stringify(doc)).toBe(
      JSON.stringify({ _id: 1, details: { make: 'x', area: 2, zone: 1 }, alpha: 2, zeta: 1 }),
    );
  });

  it('refuses a non-numeric $inc argument', () => {
    expect(() =>
      applyUpdate({ _id: 1, n: 1 }, parseUpdateSpec({ $inc: { n: 'x' } }), {}, undefined, options),
    ).toThrow(expect.objectContaining({ code: 14 }));
  });
});

describe('exact Long and Decimal128 arithmetic', () => {
  it('increments a Long above 2^53 exactly and multiplies a Decimal128 exactly, keeping the types', () => {
    const before = {
      _id: 1,
      big: Long.fromString('9007199254740993'),
      price: Decimal128.fromString('10.50'),
    };
    const { doc } = applyUpdate(
      before,
      parseUpdateSpec({ $inc: { big: 1 }, $mul: { price: 2 } }),
      {},
      undefined,
      options,
    );
    expect(doc.big).toEqual(Long.fromString('9007199254740994'));
    expect(doc.price).toEqual(Decimal128.fromString('21.00'));
    const added = applyUpdate(
      before,
      parseUpdateSpec({ $inc: { price: Decimal128.fromString('0.1') } }),
      {},
      undefined,
      options,
    );
    expect(added.doc.price).toEqual(Decimal128.fromString('10.60'));
  });
});
