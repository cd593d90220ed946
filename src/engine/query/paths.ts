import type { Document } from 'bson';

export function isPlainObject(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Every value a query path can reach in a document, MongoDB style: a non-numeric step fans out over array
 * elements, a numeric step also indexes the array. Arrays reached at the end are returned along with their
 * elements so that `{tags: 'x'}` matches `tags: ['x']`. `missing` is true when some branch lacks the path.
 */
export function collectPathValues(
  doc: unknown,
  parts: readonly string[],
): { values: unknown[]; missing: boolean } {
  const values: unknown[] = [];
  let missing = false;
  const walk = (value: unknown, index: number, expandArrays: boolean): void => {
    if (index === parts.length) {
      values.push(value);
      if (expandArrays && Array.isArray(value)) values.push(...value);
      return;
    }
    if (Array.isArray(value)) {
      const step = parts[index];
      if (/^\d+$/.test(step)) {
        const position = Number(step);
        if (position < value.length) walk(value[position], index + 1, true);
        else missing = true;
      }
      for (const element of value) {
        if (isPlainObject(element)) walk(element, index, false);
      }
      return;
    }
    if (isPlainObject(value) && parts[index] in value) {
      walk(value[parts[index]], index + 1, true);
      return;
    }
    missing = true;
  };
  walk(doc, 0, true);
  return { values, missing };
}

/** The value at a dotted path without array fan-out, or undefined. */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)];
    else if (isPlainObject(value)) value = value[part];
    else return undefined;
  }
  return value;
}

/** Sets a dotted path, creating intermediate objects. */
export function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (!isPlainObject(next)) target[part] = {};
    target = target[part] as Document;
  }
  target[parts[parts.length - 1]] = value;
}
