import { Long, type Document } from 'bson';
import { CommandError } from '../errors';
import { isPlainObject } from '../query/paths';
import type { CommandCall } from './types';

/** The collection a command names in its first field. */
export function collectionArg(call: CommandCall): string {
  const name = call.body[call.name];
  if (typeof name !== 'string' || name.length === 0) {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${typeof name}`);
  }
  if (name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
  return name;
}

export function namespaceArg(call: CommandCall): string {
  return `${call.db}.${collectionArg(call)}`;
}

export function numberArg(body: Document, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (Long.isLong(value)) return value.toNumber();
  if (typeof value === 'object' && 'valueOf' in value) {
    const primitive = (value as { valueOf(): unknown }).valueOf();
    if (typeof primitive === 'number') return primitive;
  }
  throw new CommandError('TypeMismatch', `Field '${field}' must be a number`);
}

export function nonNegativeArg(body: Document, field: string): number | undefined {
  const value = numberArg(body, field);
  if (value !== undefined && (value < 0 || !Number.isFinite(value))) {
    throw new CommandError('BadValue', `${field} value must be non-negative, but received: ${value}`);
  }
  return value;
}

export function documentArg(body: Document, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value))
    throw new CommandError('TypeMismatch', `Field '${field}' must be of BSON type object`);
  return value;
}

export function arrayArg(body: Document, field: string): unknown[] {
  const value = body[field];
  if (!Array.isArray(value)) throw new CommandError('TypeMismatch', `Field '${field}' must be an array`);
  return value;
}

export function documentsArg(body: Document, field: string): Document[] {
  const values = arrayArg(body, field);
  for (const value of values) {
    if (!isPlainObject(value))
      throw new CommandError('TypeMismatch', `Each entry of '${field}' must be an object`);
  }
  return values as Document[];
}
