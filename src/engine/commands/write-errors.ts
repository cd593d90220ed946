import type { Document } from 'bson';
import { CommandError } from '../errors';

/**
 * Turns a failed write statement into a `writeErrors` entry. Conflicts are not statement errors: they
 * abort the whole command (and are retried or labelled for the client's transaction retry).
 */
export function toWriteError(error: unknown, index: number): Document {
  if (!(error instanceof CommandError) || error.codeName === 'WriteConflict') throw error;
  const { errorLabels: _labels, ...extra } = error.extra;
  return { index, code: error.code, errmsg: error.message, ...extra };
}

export function writeReply(n: number, writeErrors: Document[], extra: Document = {}): Document {
  const reply: Document = { n, ...extra };
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

export function orderedArg(body: Document): boolean {
  return body.ordered !== false;
}
