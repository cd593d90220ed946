import type { Document } from 'bson';

/** Error codes the engine answers with, as MongoDB names them (src/mongo/base/error_codes.yml upstream). */
export const ErrorCodes = {
  InternalError: 1,
  DataCorruptionDetected: 12,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  OperationFailed: 96,
  WriteConflict: 112,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  TransactionTooOld: 225,
  NotImplemented: 238,
  InvalidIdField: 53,
  Location40324: 40324,
  Location17124: 17124,
  DuplicateKey: 11000,
  DocumentValidationFailure: 121,
  BSONObjectTooLarge: 10334,
  ProtocolError: 17,
  InvalidBSON: 22,
  ConversionFailure: 241,
  MergeStageNoMatchingDocument: 13113,
  Location15955: 15955,
  ConflictingUpdateOperators: 40,
  Unauthorized: 13,
  ConflictingOperationInProgress: 117,
  QueryPlanKilled: 175,
  NoSuchKey: 4,
  Location31254: 31254,
  InvalidPipelineOperator: 168,
  SnapshotTooOld: 239,
  Location40415: 40415,
  OperationNotSupportedInTransaction: 263,
  DollarPrefixedFieldName: 52,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

/**
 * A failure that becomes `{ ok: 0, errmsg, code, codeName, ...extra }` in a command reply
 * (or a `writeErrors` entry for write commands).
 */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(codeName: ErrorCodeName, message: string, extra: Document = {}) {
    super(message);
    this.name = 'CommandError';
    this.code = ErrorCodes[codeName];
    this.codeName = codeName;
    this.extra = extra;
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}
