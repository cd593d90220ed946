import type { Document } from 'bson';
import { isPlainObject } from './paths';

/** Deep copy of plain objects and arrays; BSON values (ObjectId, Long, Binary...) are immutable and shared. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const copy: Document = {};
    for (const key of Object.keys(value)) copy[key] = cloneValue(value[key]);
    return copy as T;
  }
  return value;
}

export function cloneDocument(doc: Document): Document {
  return cloneValue(doc);
}
