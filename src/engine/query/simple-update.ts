import { serialize, type Document } from 'bson';
import { cloneValue } from './clone';
import { isPlainObject } from './paths';

function isTopLevelName(path: string): boolean {
  return (
    path !== '' && path !== '_id' && path !== '__proto__' && !path.includes('.') && !path.startsWith('$')
  );
}

function has(doc: Document, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(doc, field);
}

/** Values whose copy and comparison need no mingo: not documents, arrays or undefined. */
function isScalarValue(value: unknown): boolean {
  return value !== undefined && !Array.isArray(value) && !isPlainObject(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return Buffer.from(serialize({ v: a })).equals(serialize({ v: b }));
}

/**
 * The common `{$set: {field: scalar, ...}}` on top-level fields other than _id, applied without mingo, whose
 * per-call set-up costs far more than the change itself. Returns undefined for any other update, which then
 * takes the general path. Same result as that path: changed fields keep their place, new fields are appended
 * in name order, `modified` is false when every value is already there with the same BSON type and bytes.
 */
export function applySimpleSet(
  before: Document,
  modifier: Document,
): { doc: Document; modified: boolean } | undefined {
  const keys = Object.keys(modifier);
  if (keys.length !== 1 || keys[0] !== '$set') return undefined;
  const set = modifier.$set;
  if (!isPlainObject(set)) return undefined;
  const fields = Object.keys(set);
  if (fields.length === 0) return undefined;
  for (const field of fields) {
    if (!isTopLevelName(field) || !isScalarValue(set[field])) return undefined;
  }
  const changed = fields.filter((field) => !has(before, field) || !sameValue(before[field], set[field]));
  if (changed.length === 0) return { doc: before, modified: false };
  const after: Document = {};
  for (const key of Object.keys(before)) after[key] = has(set, key) ? cloneValue(set[key]) : before[key];
  const added = changed.filter((field) => !has(before, field)).sort();
  for (const field of added) after[field] = cloneValue(set[field]);
  return { doc: after, modified: true };
}
