/** Driver results (class instances such as BulkWriteResult) as plain documents the matcher can compare. */
export function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value !== 'object' || value === null) return value;
  if ('_bsontype' in value || value instanceof Date || value instanceof RegExp || Buffer.isBuffer(value))
    return value;
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = toPlain(entry);
  return out;
}
