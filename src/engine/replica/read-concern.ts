import { Timestamp, type Document } from 'bson';
import { CommandError } from '../errors';
import { isPlainObject } from '../query/paths';
import type { ReadView, Storage } from '../storage/api';
import type { ClusterClock } from './cluster-clock';

const LEVELS = new Set(['local', 'majority', 'linearizable', 'available', 'snapshot']);
/** Commands MongoDB 7.0 serves at a snapshot outside a transaction. */
const SNAPSHOT_COMMANDS = new Set(['find', 'aggregate', 'distinct', 'getMore', 'explain']);

export interface ReadConcern {
  level?: string;
  afterClusterTime?: Timestamp;
  atClusterTime?: Timestamp;
}

function timestampField(concern: Document, field: string): Timestamp | undefined {
  const value: unknown = concern[field];
  if (value === undefined) return undefined;
  if (!(value instanceof Timestamp)) {
    throw new CommandError('TypeMismatch', `readConcern.${field} must be a timestamp`);
  }
  return value;
}

/** The command's readConcern, checked as MongoDB checks it. */
export function parseReadConcern(body: Document): ReadConcern | undefined {
  const raw: unknown = body.readConcern;
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) throw new CommandError('TypeMismatch', 'readConcern must be an object');
  const level: unknown = raw.level;
  if (level !== undefined && (typeof level !== 'string' || !LEVELS.has(level))) {
    throw new CommandError(
      'FailedToParse',
      "readConcern.level must be either 'local', 'majority', 'linearizable', 'available', or 'snapshot'",
    );
  }
  const concern: ReadConcern = {
    level,
    afterClusterTime: timestampField(raw, 'afterClusterTime'),
    atClusterTime: timestampField(raw, 'atClusterTime'),
  };
  if (concern.atClusterTime && level !== 'snapshot') {
    throw new CommandError('InvalidOptions', 'readConcern.atClusterTime requires level snapshot');
  }
  if (concern.atClusterTime && concern.afterClusterTime) {
    throw new CommandError(
      'InvalidOptions',
      'readConcern.atClusterTime cannot be used with afterClusterTime',
    );
  }
  return concern;
}

/** Refuses what MongoDB refuses for a command outside a transaction with this read concern. */
export function checkReadConcernOutsideTransaction(name: string, concern: ReadConcern | undefined): void {
  if (concern?.level === 'snapshot' && !SNAPSHOT_COMMANDS.has(name)) {
    throw new CommandError(
      'InvalidOptions',
      `Command ${name} does not support { readConcern: { level: "snapshot" } }`,
    );
  }
}

/**
 * The state a read outside a transaction sees: the latest one, or for a snapshot read the state at its
 * atClusterTime (while that state is still kept). One node has no replication lag, so afterClusterTime is
 * always satisfied by the latest state.
 */
export function readViewFor(
  storage: Storage,
  clock: ClusterClock,
  concern: ReadConcern | undefined,
): { view: ReadView; snapshotTime?: Timestamp } {
  if (concern?.level !== 'snapshot') return { view: storage.read() };
  if (!concern.atClusterTime) {
    const view = storage.read();
    return { view, snapshotTime: clock.observe(storage.committedSeq) };
  }
  if (clock.isAfterLatest(concern.atClusterTime)) {
    throw new CommandError('InvalidOptions', 'readConcern.atClusterTime is in the future');
  }
  const seq = clock.seqAt(concern.atClusterTime);
  const view = seq === undefined ? undefined : storage.readAt(seq);
  if (!view) {
    throw new CommandError('SnapshotTooOld', 'Read timestamp is older than the oldest available timestamp.');
  }
  return { view, snapshotTime: concern.atClusterTime };
}
