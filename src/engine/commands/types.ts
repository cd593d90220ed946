import type { Document } from 'bson';
import type { ReadView, Storage, WriteTxn } from '../storage/api';
import type { ClusterClock } from '../replica/cluster-clock';
import type { ReplicaIdentity } from '../replica/identity';
import type { CursorRegistry } from '../sessions/cursors';
import type { LogicalSession, SessionRegistry } from '../sessions/sessions';
import type { ConnectionInfo } from '../wire/server';

export interface EngineState {
  readonly storage: Storage;
  readonly sessions: SessionRegistry;
  readonly cursors: CursorRegistry;
  readonly log: (line: string) => void;
  readonly startedAt: number;
  readonly replica: ReplicaIdentity;
  readonly clock: ClusterClock;
}

export interface CommandCall {
  /** The command name as sent (first key of the body). */
  readonly name: string;
  readonly body: Document;
  readonly db: string;
  readonly connection: ConnectionInfo;
  readonly state: EngineState;
  readonly session: LogicalSession | undefined;
  /** The multi-document transaction the command belongs to, if any. */
  readonly txn: WriteTxn | undefined;
}

/**
 * How a command touches data: `none` commands get no view; `read` ones a consistent view (the session's
 * transaction when there is one); `write` ones a transaction that is committed before the reply unless the
 * command is part of a multi-document transaction.
 */
export type CommandSpec =
  | { access: 'none'; run(call: CommandCall): Document | Promise<Document> }
  | { access: 'read'; run(call: CommandCall, view: ReadView): Document }
  | { access: 'write'; run(call: CommandCall, txn: WriteTxn): Document };

export type CommandTable = Record<string, CommandSpec>;
