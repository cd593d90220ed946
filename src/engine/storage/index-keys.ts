import { MaxKey, MinKey, type Document } from 'bson';
import { Query } from 'mingo';
import { bsonKey } from '../bson-key';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';
import type { IndexSpec } from './types';

/** One index entry: the key values in index field order, then the document's _id to keep entries unique. */
export interface IndexEntry {
  k: unknown[];
  id: unknown;
}

export const MIN: unknown = new MinKey();
export const MAX: unknown = new MaxKey();

export function compareEntries(directions: readonly number[]): (a: IndexEntry, b: IndexEntry) => number {
  if (directions.length === 1) {
    const descending = directions[0] < 0;
    return (a, b) => {
      const x = a.k[0];
      const y = b.k[0];
      const c = x === y ? 0 : compareBson(x, y);
      if (c !== 0) return descending ? -c : c;
      return compareBson(a.id, b.id);
    };
  }
  return (a, b) => {
    for (let i = 0; i < directions.length; i++) {
      const x = a.k[i];
      const y = b.k[i];
      const c = x === y ? 0 : compareBson(x, y);
      if (c !== 0) return directions[i] < 0 ? -c : c;
    }
    return compareBson(a.id, b.id);
  };
}

interface PathValues {
  values: unknown[];
  multikey: boolean;
  missing: boolean;
}

function collect(value: unknown, parts: readonly string[], at: number, out: PathValues): void {
  if (at === parts.length) {
    if (Array.isArray(value)) {
      out.multikey = true;
      if (value.length === 0) out.values.push(undefined);
      for (const element of value) out.values.push(element);
    } else {
      out.values.push(value);
    }
    return;
  }
  if (Array.isArray(value)) {
    out.multikey = true;
    const position = /^\d+$/.test(parts[at]) ? Number(parts[at]) : -1;
    if (position >= 0 && position < value.length) {
      collect(value[position], parts, at + 1, out);
      return;
    }
    for (const element of value) {
      if (element !== null && typeof element === 'object') collect(element, parts, at, out);
    }
    return;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const child = (value as Record<string, unknown>)[parts[at]];
    if (child !== undefined) {
      collect(child, parts, at + 1, out);
      return;
    }
  }
  out.missing = true;
}

function pathValues(doc: Document, path: string): PathValues {
  const out: PathValues = { values: [], multikey: false, missing: false };
  collect(doc, path.split('.'), 0, out);
  if (out.values.length === 0) out.values.push(null);
  else out.missing = false;
  return out;
}

/** How one index turns a document into its entries. */
export class IndexKeyMaker {
  readonly fields: string[];
  readonly directions: number[];
  private readonly partial?: Query;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.directions = this.fields.map((f) => spec.key[f]);
    if (spec.partialFilterExpression) this.partial = new Query(spec.partialFilterExpression, {});
  }

  /** The distinct entries of a document, and whether it made the index multikey. */
  entriesOf(doc: Document): { entries: IndexEntry[]; multikey: boolean } {
    if (this.partial && !this.partial.test(doc)) return { entries: [], multikey: false };
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && perField.every((p) => p.missing)) return { entries: [], multikey: false };
    const arrays = perField.filter((p) => p.multikey);
    if (arrays.length > 1) {
      const names = this.fields.filter((_, i) => perField[i].multikey).map((f) => `[${f}]`);
      throw new CommandError('BadValue', `cannot index parallel arrays ${names.join(' ')}`);
    }
    const id = doc._id;
    if (arrays.length === 0) {
      return { entries: [{ k: perField.map((p) => normalize(p.values[0])), id }], multikey: false };
    }
    const seen = new Set<string>();
    const entries: IndexEntry[] = [];
    const at = perField.findIndex((p) => p.multikey);
    for (const value of perField[at].values) {
      const k = perField.map((p, i) => normalize(i === at ? value : p.values[0]));
      const key = bsonKey(k);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ k, id });
    }
    return { entries, multikey: true };
  }

  /** The `{ field: value }` document MongoDB reports as keyValue. */
  keyValue(entry: IndexEntry): Document {
    const out: Document = {};
    this.fields.forEach((f, i) => {
      out[f] = entry.k[i];
    });
    return out;
  }
}

function normalize(value: unknown): unknown {
  return value === undefined ? null : value;
}

export function sameKeyValues(a: IndexEntry, b: IndexEntry): boolean {
  for (let i = 0; i < a.k.length; i++) {
    if (compareBson(a.k[i], b.k[i]) !== 0) return false;
  }
  return true;
}
