import { Binary, type Document } from 'bson';
import { CommandError } from '../errors';
import { isPlainObject } from '../query/paths';
import type { CommandCall } from './types';

/** The uid of the only user an engine without authentication has: SHA-256 of the empty user name. */
const ANONYMOUS_UID = new Binary(
  Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'),
  0,
);

function localSessions(call: CommandCall, spec: unknown): Document[] {
  if (!isPlainObject(spec)) throw new CommandError('TypeMismatch', '$listLocalSessions must be an object');
  return call.state.sessions.list().map((session) => ({
    _id: { id: new Binary(Buffer.from(session.key, 'hex'), 4), uid: ANONYMOUS_UID },
    lastUse: new Date(session.lastUsed),
  }));
}

function documentsStage(spec: unknown): Document[] {
  if (!Array.isArray(spec) || !spec.every(isPlainObject)) {
    throw new CommandError('TypeMismatch', '$documents must be an array of objects');
  }
  return spec.map((doc) => ({ ...doc }));
}

/**
 * `aggregate: 1` runs a pipeline on no collection: its first stage produces the documents, from a literal
 * list ($documents) or from the server's logical sessions ($listLocalSessions).
 */
export function databaseLevelInput(call: CommandCall, pipeline: Document[]): Document[] {
  const first = pipeline[0];
  const name = first ? Object.keys(first)[0] : undefined;
  if (first && name === '$documents') return documentsStage(first.$documents);
  if (first && name === '$listLocalSessions') return localSessions(call, first.$listLocalSessions);
  throw new CommandError(
    'InvalidNamespace',
    `{aggregate: 1} is not valid for '${name ?? 'an empty pipeline'}'; a collection is required.`,
  );
}
