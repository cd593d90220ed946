import { Timestamp, type Document } from 'bson';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';
import { isPlainObject } from './paths';
import { makeComparator, parseSort } from './sort';

/** The value at a path of field names only (no positional or numeric step) that crosses only documents. */
function plainValue(doc: Document, path: string): { plain: boolean; value: unknown } {
  const parts = path.split('.');
  if (parts.some((part) => part.startsWith('$') || /^\d+$/.test(part)))
    return { plain: false, value: undefined };
  let value: unknown = doc;
  for (const part of parts) {
    if (value === undefined) return { plain: true, value: undefined };
    if (!isPlainObject(value)) return { plain: false, value: undefined };
    value = value[part];
  }
  return { plain: true, value };
}

function currentDate(spec: unknown): unknown {
  if (isPlainObject(spec) && spec.$type === 'timestamp') {
    return new Timestamp({ t: Math.floor(Date.now() / 1000), i: 1 });
  }
  return new Date();
}

/** $addToSet with MongoDB's equality (field order matters in documents) and duplicates in $each added once. */
function addToSetUpdate(doc: Document, path: string, arg: unknown, set: Document): boolean {
  const { plain, value } = plainValue(doc, path);
  if (!plain || (value !== undefined && !Array.isArray(value))) return false;
  const each = isPlainObject(arg) && '$each' in arg ? arg.$each : [arg];
  if (!Array.isArray(each))
    throw new CommandError('TypeMismatch', 'The argument to $each in $addToSet must be an array');
  const result = [...((value as unknown[] | undefined) ?? [])];
  for (const item of each)
    if (!result.some((existing) => compareBson(existing, item) === 0)) result.push(item);
  if (value === undefined || result.length !== value.length) set[path] = result;
  return true;
}

function sortedFields(fields: Document): Document {
  const paths = Object.keys(fields).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(paths.map((path) => [path, fields[path]]));
}

function pushSorter(spec: unknown): ((a: unknown, b: unknown) => number) | undefined {
  if (spec === 1 || spec === -1) return (a, b) => spec * compareBson(a, b);
  const sort = isPlainObject(spec) ? parseSort(spec) : undefined;
  if (!sort) return undefined;
  const compare = makeComparator(sort);
  return (a, b) => compare(isPlainObject(a) ? a : {}, isPlainObject(b) ? b : {});
}

/** $push with $each: insert at $position, then $sort (several keys, stable), then $slice, as MongoDB orders them. */
function pushUpdate(doc: Document, path: string, arg: unknown, set: Document): boolean {
  const { plain, value } = plainValue(doc, path);
  if (!plain || (value !== undefined && !Array.isArray(value))) return false;
  if (!isPlainObject(arg) || !Array.isArray(arg.$each)) return false;
  const { $each: each, $position: position, $sort: sortSpec, $slice: slice } = arg;
  const sorter = sortSpec === undefined ? undefined : pushSorter(sortSpec);
  if (sortSpec !== undefined && !sorter) return false;
  if (position !== undefined && !Number.isInteger(position)) return false;
  if (slice !== undefined && !Number.isInteger(slice)) return false;
  const result = [...((value as unknown[] | undefined) ?? [])];
  const length = result.length;
  const at =
    position === undefined
      ? length
      : position < 0
        ? Math.max(0, length + position)
        : Math.min(position, length);
  result.splice(at, 0, ...each);
  if (sorter) result.sort(sorter);
  const kept =
    slice === undefined
      ? result
      : slice >= 0
        ? result.slice(0, slice)
        : result.slice(Math.max(0, result.length + slice));
  set[path] = kept;
  return true;
}

/**
 * Rewrites an operator update for the document it applies to where mingo would answer differently from
 * MongoDB: $currentDate (Date or Timestamp), $addToSet (BSON equality, field order included) and $push with
 * modifiers (multi-key $sort) become $set.
 */
export function rewriteModifier(doc: Document, modifier: Document): Document {
  const out: Document = {};
  const set: Document = {};
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) {
      out[operator] = fields;
      continue;
    }
    const kept: Document = {};
    for (const [path, arg] of Object.entries(fields)) {
      let handled = false;
      if (operator === '$currentDate') {
        set[path] = currentDate(arg);
        handled = true;
      } else if (operator === '$addToSet') handled = addToSetUpdate(doc, path, arg, set);
      else if (operator === '$push') handled = pushUpdate(doc, path, arg, set);
      if (!handled) kept[path] = arg;
    }
    if (Object.keys(kept).length > 0) out[operator] = { ...(out[operator] as Document | undefined), ...kept };
  }
  if (Object.keys(set).length > 0) out.$set = { ...(out.$set as Document | undefined), ...set };
  // Fields an operator creates appear in lexicographic order of their paths, as MongoDB applies them.
  for (const [operator, fields] of Object.entries(out))
    if (isPlainObject(fields)) out[operator] = sortedFields(fields);
  return out;
}
