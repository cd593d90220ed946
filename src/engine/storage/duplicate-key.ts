import type { Document } from 'bson';
import { CommandError } from '../errors';

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  if (tag === 'ObjectId') return `ObjectId('${(value as { toHexString(): string }).toHexString()}')`;
  if (tag === 'Int32' || tag === 'Double') return String((value as { value: unknown }).value);
  if (tag === 'Long') return String(value);
  if (tag === 'Decimal128') return `Decimal128("${String(value)}")`;
  if (typeof tag === 'string') return String(value);
  return formatDocument(value as Document);
}

function formatDocument(doc: Document): string {
  const fields = Object.entries(doc).map(([k, v]) => `${k}: ${formatValue(v)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/** MongoDB's E11000 error, message and extra fields as the server sends them. */
export function duplicateKeyError(
  ns: string,
  indexName: string,
  keyPattern: Document,
  keyValue: Document,
): CommandError {
  const message =
    `E11000 duplicate key error collection: ${ns} index: ${indexName} ` +
    `dup key: ${formatDocument(keyValue)}`;
  return new CommandError('DuplicateKey', message, { keyPattern, keyValue });
}
