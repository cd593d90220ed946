import type { Document } from 'bson';
import { isPlainObject } from './paths';

/**
 * MongoDB appends the fields an update operator creates in lexicographic order of their names, at every
 * level of an embedded document that already existed; mingo appends them in the order given.
 */
export function orderNewFields(before: Document, after: Document): Document {
  const out: Document = {};
  const added: string[] = [];
  for (const key of Object.keys(after)) {
    if (!(key in before)) {
      added.push(key);
      continue;
    }
    const value = after[key];
    const previous = before[key];
    out[key] = isPlainObject(value) && isPlainObject(previous) ? orderNewFields(previous, value) : value;
  }
  added.sort();
  for (const key of added) out[key] = after[key];
  return out;
}
