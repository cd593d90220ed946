import type { Document } from 'bson';
import { Lazy, type Iterator as MingoIterator } from 'mingo/lazy';
import { $project as mingoProject } from 'mingo/operators/pipeline';
import type { Options, PipelineOperator, QueryOperator } from 'mingo/types';
import { CommandError } from '../errors';
import { collectPathValues, isPlainObject } from './paths';

/** `$count`: like MongoDB, no input documents produce no output document. */
function $count(collection: MingoIterator, field: unknown): MingoIterator {
  if (typeof field !== 'string' || field.length === 0 || field.startsWith('$') || field.includes('.')) {
    throw new CommandError('BadValue', 'the count field must be a non-empty string without $ or .');
  }
  return collection.transform((docs) => Lazy(docs.length > 0 ? [{ [field]: docs.length }] : []));
}

export const countStage = { $count } as unknown as Record<string, PipelineOperator>;

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && '_bsontype' in value) {
    const converted = Number((value as { toString(): string }).toString());
    return Number.isNaN(converted) ? undefined : converted;
  }
  return undefined;
}

/** `$mod` with MongoDB's validation and truncation of decimal divisors and remainders toward zero. */
function $mod(selector: string, spec: unknown) {
  if (!Array.isArray(spec) || spec.length !== 2) {
    throw new CommandError('BadValue', 'malformed mod, needs to be an array of exactly two elements');
  }
  const [divisor, remainder] = spec.map(asNumber).map((n) => (n === undefined ? NaN : Math.trunc(n)));
  if (Number.isNaN(divisor) || Number.isNaN(remainder))
    throw new CommandError('BadValue', 'malformed mod, divisor and remainder must be numbers');
  if (divisor === 0) throw new CommandError('BadValue', 'divisor cannot be 0');
  const parts = selector.split('.');
  return (doc: unknown): boolean =>
    collectPathValues(doc, parts).values.some((value) => {
      const n = asNumber(value);
      return n !== undefined && Number.isFinite(n) && Math.trunc(n) % divisor === remainder;
    });
}

export const modOperator = { $mod } as unknown as Record<string, QueryOperator>;

function isFlag(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

function sourceOrder(projected: Document, source: unknown): Document {
  if (!isPlainObject(source)) return projected;
  const out: Document = {};
  for (const key of Object.keys(source)) {
    if (!(key in projected)) continue;
    const value = projected[key];
    out[key] = isPlainObject(value) ? sourceOrder(value, source[key]) : value;
  }
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}

/** `$project` with MongoDB's field order: _id, included fields in document order, then computed fields. */
function $project(collection: MingoIterator, spec: unknown, options: Options): MingoIterator {
  if (!isPlainObject(spec)) return mingoProject(collection, spec as never, options);
  const computed = Object.keys(spec).filter((key) => key !== '_id' && !isFlag(spec[key]));
  return collection.map((doc: unknown) => {
    const [projected] = mingoProject(Lazy([doc]), spec, options).collect() as Document[];
    if (!projected || !isPlainObject(doc)) return projected;
    const out: Document = {};
    if ('_id' in projected) out._id = projected._id;
    const included: Document = {};
    for (const key of Object.keys(projected))
      if (key !== '_id' && !computed.includes(key)) included[key] = projected[key];
    Object.assign(out, sourceOrder(included, doc));
    for (const key of computed) if (key in projected) out[key] = projected[key];
    return out;
  });
}

export const projectStage = { $project } as unknown as Record<string, PipelineOperator>;
