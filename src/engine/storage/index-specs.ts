import type { Document } from 'bson';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';
import type { IndexSpec } from './types';

const OPTION_FIELDS = [
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'collation',
] as const;

export function validateIndexSpec(spec: IndexSpec): void {
  if (typeof spec.name !== 'string' || spec.name.length === 0) {
    throw new CommandError('BadValue', 'index name must be a non-empty string');
  }
  const fields = Object.keys(spec.key ?? {});
  if (fields.length === 0)
    throw new CommandError('BadValue', `Index keys cannot be empty. Index: ${spec.name}`);
  for (const field of fields) {
    const direction: unknown = spec.key[field];
    if (direction === 1 || direction === -1) continue;
    if (typeof direction === 'string') {
      throw new CommandError('NotImplemented', `index type '${direction}' is not supported by this engine`);
    }
    throw new CommandError('BadValue', `Values in the index key pattern must be 1 or -1: ${field}`);
  }
  if (spec.expireAfterSeconds !== undefined && (fields.length !== 1 || fields[0] === '_id')) {
    throw new CommandError(
      'InvalidOptions',
      'TTL indexes are single-field indexes, compound indexes do not support TTL',
    );
  }
  if (spec.name === '_id_' && !(fields.length === 1 && fields[0] === '_id')) {
    throw new CommandError('BadValue', "The index name '_id_' is reserved for the _id index");
  }
}

export function sameKeyPattern(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

function normalizedOption(spec: IndexSpec, field: (typeof OPTION_FIELDS)[number]): unknown {
  const value: unknown = spec[field];
  if (field === 'unique' || field === 'sparse') return value === true;
  return value ?? null;
}

export function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return OPTION_FIELDS.every((f) => compareBson(normalizedOption(a, f), normalizedOption(b, f)) === 0);
}

/** The fields of a spec as listIndexes shows them (v: 2 first, as MongoDB does). */
export function describeSpec(spec: IndexSpec): Document {
  return { v: 2, ...spec };
}
