import { intlLocale } from './collation-locale';
import type { Document } from 'bson';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';
import { collectPathValues, isPlainObject } from './paths';

export type SortSpec = Record<string, 1 | -1>;
export type Comparator = (a: Document, b: Document) => number;

export function parseSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!isPlainObject(sort)) throw new CommandError('BadValue', 'sort must be an object');
  const spec: SortSpec = {};
  for (const [field, direction] of Object.entries(sort)) {
    const value = Number(direction);
    if (value !== 1 && value !== -1) {
      throw new CommandError(
        'BadValue',
        `$sort key ordering must be 1 (for ascending) or -1 (for descending)`,
      );
    }
    spec[field] = value;
  }
  return Object.keys(spec).length > 0 ? spec : undefined;
}

export interface CollationSpec {
  locale: string;
  strength?: number;
  numericOrdering?: boolean;
  caseFirst?: string;
}

function collator(collation: CollationSpec | undefined): Intl.Collator | undefined {
  if (!collation || collation.locale === 'simple') return undefined;
  const strength = collation.strength ?? 3;
  return new Intl.Collator(intlLocale(collation.locale), {
    sensitivity: strength === 1 ? 'base' : strength === 2 ? 'accent' : 'variant',
    numeric: collation.numericOrdering === true,
    caseFirst:
      collation.caseFirst === 'upper' || collation.caseFirst === 'lower' ? collation.caseFirst : 'false',
  });
}

/** The value a document sorts by: for arrays, the smallest element ascending and the largest descending. */
function sortKey(
  doc: Document,
  parts: string[],
  direction: 1 | -1,
  compare: (a: unknown, b: unknown) => number,
) {
  const { values } = collectPathValues(doc, parts);
  let best: unknown = undefined;
  let found = false;
  for (const value of values) {
    if (Array.isArray(value)) continue;
    if (!found || direction * compare(value, best) < 0) best = value;
    found = true;
  }
  if (!found) return values.some((value) => Array.isArray(value)) ? [] : null;
  return best ?? null;
}

/** Comparator in MongoDB's BSON order; strings compared with the collation when one is given. */
export function makeComparator(sort: SortSpec, collation?: CollationSpec): Comparator {
  const strings = collator(collation);
  const compare = strings
    ? (a: unknown, b: unknown) =>
        typeof a === 'string' && typeof b === 'string' ? strings.compare(a, b) : compareBson(a, b)
    : compareBson;
  const keys = Object.entries(sort).map(([path, direction]) => ({ parts: path.split('.'), direction }));
  return (a, b) => {
    for (const { parts, direction } of keys) {
      const order = compare(sortKey(a, parts, direction, compare), sortKey(b, parts, direction, compare));
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}
