import type { Schema } from 'mongoose';

export class AuditEventImmutableError extends Error {
  override name = 'AuditEventImmutableError';
  constructor(operation: string) {
    super(`Audit events are append-only: ${operation} is refused`);
  }
}

const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;

/**
 * Makes a schema's documents append-only through the model: every update, replace and delete, whether
 * from a query, a loaded document or a bulk write, is refused before it reaches the database.
 */
export function refuseChangesAfterInsert(schema: Schema): void {
  for (const operation of QUERY_WRITES) {
    schema.pre(operation, { query: true, document: false }, function refuse() {
      throw new AuditEventImmutableError(operation);
    });
  }
  schema.pre('deleteOne', { document: true, query: false }, function refuse() {
    throw new AuditEventImmutableError('deleteOne');
  });
  schema.pre('save', function refuseResave() {
    if (!this.isNew) throw new AuditEventImmutableError('save of an existing event');
  });
  schema.pre('bulkWrite', function refuseNonInserts(operations) {
    const list = Array.isArray(operations) ? (operations as object[]) : [];
    const other = list.find((operation) => !('insertOne' in operation));
    if (other) throw new AuditEventImmutableError(`bulkWrite ${Object.keys(other)[0] ?? ''}`.trim());
  });
}
