import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { CommandError } from '../errors';
import { asBadValue } from './errors';
import { compiledOptions } from './mingo-context';
import { isPlainObject } from './paths';

export type Projector = (doc: Document) => Document;

type FieldTree = { [field: string]: FieldTree | true };

const identity: Projector = (doc) => doc;

function isSimpleFlag(value: unknown): value is number | boolean {
  return typeof value === 'boolean' || typeof value === 'number';
}

function buildTree(paths: string[]): FieldTree {
  const tree: FieldTree = {};
  for (const path of paths) {
    const parts = path.split('.');
    let node = tree;
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1) node[part] = true;
      else {
        const next = node[part];
        if (next === true) break;
        node = node[part] = next ?? {};
      }
    }
  }
  return tree;
}

function include(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.filter(isPlainObject).map((item) => include(item, tree));
  if (!isPlainObject(value)) return undefined;
  const out: Document = {};
  for (const key of Object.keys(value)) {
    const node = tree[key];
    if (node === true) out[key] = value[key];
    else if (node) {
      const nested = include(value[key], node);
      if (nested !== undefined) out[key] = nested;
    }
  }
  return out;
}

function exclude(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => exclude(item, tree));
  if (!isPlainObject(value)) return value;
  const out: Document = {};
  for (const key of Object.keys(value)) {
    const node = tree[key];
    if (node === true) continue;
    out[key] = node ? exclude(value[key], node) : value[key];
  }
  return out;
}

/** Puts the fields of a mingo projection back in the source document's order, `_id` first. */
function reorder(projected: Document, source: Document): Document {
  const out: Document = {};
  if ('_id' in projected) out._id = projected._id;
  for (const key of Object.keys(source)) {
    if (!(key in projected) || key in out) continue;
    const value = projected[key];
    out[key] = isPlainObject(value) && isPlainObject(source[key]) ? reorder(value, source[key]) : value;
  }
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}

function fieldsLast(doc: Document, keys: string[]): Document {
  if (keys.length === 0) return doc;
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) if (!keys.includes(key)) out[key] = value;
  for (const key of keys) if (key in doc) out[key] = doc[key];
  return out;
}

function simpleProjector(spec: Document): Projector {
  const keepId = !('_id' in spec) || Boolean(spec._id);
  const fields = Object.keys(spec).filter((key) => key !== '_id');
  const included = fields.filter((key) => Boolean(spec[key]));
  const excluded = fields.filter((key) => !spec[key]);
  if (included.length > 0 && excluded.length > 0) {
    throw new CommandError(
      'Location31254',
      `Cannot do exclusion on field ${excluded[0]} in inclusion projection`,
    );
  }
  if (included.length > 0 || (fields.length === 0 && keepId)) {
    const tree = buildTree(included);
    return (doc) => {
      const out = include(doc, tree) as Document;
      return keepId && '_id' in doc ? { _id: doc._id, ...out } : out;
    };
  }
  const tree = buildTree(keepId ? excluded : [...excluded, '_id']);
  return (doc) => exclude(doc, tree) as Document;
}

function sliceArray(values: unknown[], spec: unknown): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? values.slice(0, spec) : values.slice(spec);
  if (Array.isArray(spec) && spec.length === 2 && spec.every((n) => typeof n === 'number')) {
    const [skip, limit] = spec as [number, number];
    if (limit <= 0) throw new CommandError('BadValue', '$slice limit must be positive');
    const start = skip < 0 ? Math.max(0, values.length + skip) : skip;
    return values.slice(start, start + limit);
  }
  throw new CommandError('BadValue', '$slice only supports numbers and [skip, limit] arrays');
}

function setSliced(doc: Document, parts: string[], spec: unknown): void {
  const [head, ...rest] = parts;
  const value = doc[head];
  if (rest.length === 0) {
    if (Array.isArray(value)) doc[head] = sliceArray(value, spec);
  } else if (isPlainObject(value)) {
    doc[head] = { ...value };
    setSliced(doc[head] as Document, rest, spec);
  }
}

function isSlice(value: unknown): value is { $slice: unknown } {
  return isPlainObject(value) && Object.keys(value).length === 1 && '$slice' in value;
}

/** `$slice` alongside plain flags: the other fields follow the flags, or are all kept when there are none. */
function sliceProjector(spec: Document): Projector | undefined {
  const entries = Object.entries(spec);
  const slices = entries.filter(([, value]) => isSlice(value));
  const flags = entries.filter(([, value]) => !isSlice(value));
  if (slices.length === 0 || !flags.every(([key, value]) => isSimpleFlag(value) && !key.endsWith('.$')))
    return undefined;
  const inclusion = flags.some(([key, value]) => key !== '_id' && Boolean(value));
  const base = Object.fromEntries(flags);
  if (inclusion) for (const [key] of slices) base[key] = 1;
  const project = Object.keys(base).length > 0 ? simpleProjector(base) : identity;
  const paths = slices.map(([key, value]) => ({
    parts: key.split('.'),
    spec: (value as { $slice: unknown }).$slice,
  }));
  return (doc) => {
    const out = { ...project(doc) };
    for (const { parts, spec: sliceSpec } of paths) setSliced(out, parts, sliceSpec);
    return out;
  };
}

/** Compiles a find projection; `filter` is needed for the positional `$` operator. */
export function compileProjection(spec: unknown, filter: Document | undefined, options: Options): Projector {
  if (spec === undefined || spec === null) return identity;
  if (!isPlainObject(spec)) throw new CommandError('BadValue', 'projection must be an object');
  if (Object.keys(spec).length === 0) return identity;
  const simple = Object.entries(spec).every(([key, value]) => isSimpleFlag(value) && !key.endsWith('.$'));
  if (simple) return simpleProjector(spec);
  const sliced = sliceProjector(spec);
  if (sliced) return sliced;
  const query = asBadValue(() => new Query(filter ?? {}, compiledOptions(options)));
  // MongoDB (4.4+) puts an $elemMatch-projected field after the other included fields.
  const elemMatched = Object.keys(spec).filter(
    (key) => isPlainObject(spec[key]) && '$elemMatch' in spec[key],
  );
  return (doc) =>
    asBadValue(() => {
      const [projected] = query.find<Document>([doc], spec).all();
      return projected ? fieldsLast(reorder(projected, doc), elemMatched) : doc;
    });
}
