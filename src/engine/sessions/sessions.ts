import { Binary, type Document } from 'bson';
import type { Storage, WriteTxn } from '../storage/api';
import { CommandError } from '../errors';

export type TxnState = 'none' | 'active' | 'committed' | 'aborted';

export interface LogicalSession {
  readonly key: string;
  lastUsed: number;
  txnNumber: bigint | undefined;
  txn: WriteTxn | undefined;
  state: TxnState;
}

export function sessionKeyOf(lsid: unknown): string | undefined {
  if (typeof lsid !== 'object' || lsid === null) return undefined;
  const id = (lsid as Document).id;
  if (id instanceof Binary) return id.toString('hex');
  if (typeof id === 'string') return id;
  return undefined;
}

/** Logical sessions keyed by lsid; an ended or expired session aborts its open transaction. */
export class SessionRegistry {
  private readonly sessions = new Map<string, LogicalSession>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly timeoutMs: number,
    private readonly onEnd: (session: LogicalSession) => void,
  ) {
    this.timer = setInterval(() => this.sweep(), Math.max(50, Math.min(timeoutMs / 2, 60_000)));
    this.timer.unref();
  }

  touch(lsid: unknown): LogicalSession | undefined {
    const key = sessionKeyOf(lsid);
    if (key === undefined) return undefined;
    let session = this.sessions.get(key);
    if (!session) {
      session = { key, lastUsed: Date.now(), txnNumber: undefined, txn: undefined, state: 'none' };
      this.sessions.set(key, session);
    }
    session.lastUsed = Date.now();
    return session;
  }

  /** The live sessions, as $listLocalSessions reports them. */
  list(): readonly LogicalSession[] {
    return [...this.sessions.values()];
  }

  end(lsid: unknown): void {
    const key = sessionKeyOf(lsid);
    const session = key === undefined ? undefined : this.sessions.get(key);
    if (!session) return;
    this.sessions.delete(session.key);
    abortOpen(session);
    this.onEnd(session);
  }

  sweep(now = Date.now()): void {
    for (const session of [...this.sessions.values()]) {
      if (now - session.lastUsed > this.timeoutMs) this.end({ id: session.key });
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const session of this.sessions.values()) abortOpen(session);
    this.sessions.clear();
  }
}

export function abortOpen(session: LogicalSession): void {
  if (session.state === 'active' && session.txn?.active) session.txn.abort();
  if (session.state === 'active') session.state = 'aborted';
  session.txn = undefined;
}

function toTxnNumber(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'object' && value !== null && 'toBigInt' in value) {
    return (value as { toBigInt(): bigint }).toBigInt();
  }
  return undefined;
}

const transient = { errorLabels: ['TransientTransactionError'] };

/**
 * The transaction a command belongs to, opening it on `startTransaction`. Undefined for commands that run
 * outside a multi-document transaction (no txnNumber, or a retryable write without autocommit:false).
 */
export function resolveTransaction(
  storage: Storage,
  session: LogicalSession,
  body: Document,
): WriteTxn | undefined {
  const txnNumber = toTxnNumber(body.txnNumber);
  if (txnNumber === undefined || body.autocommit !== false) return undefined;
  if (session.txnNumber !== undefined && txnNumber < session.txnNumber) {
    throw new CommandError(
      'TransactionTooOld',
      `txnNumber ${txnNumber} is less than last txnNumber ${session.txnNumber} seen in this session`,
    );
  }
  if (body.startTransaction === true) {
    if (session.txnNumber === txnNumber && session.state !== 'none') {
      throw new CommandError(
        'ConflictingOperationInProgress',
        `Transaction ${txnNumber} has already been started`,
      );
    }
    abortOpen(session);
    session.txnNumber = txnNumber;
    session.txn = storage.begin();
    session.state = 'active';
    return session.txn;
  }
  if (session.txnNumber !== txnNumber || session.state === 'none') {
    if (session.txnNumber !== undefined && txnNumber > session.txnNumber) abortOpen(session);
    throw new CommandError(
      'NoSuchTransaction',
      `Transaction with txnNumber ${txnNumber} has not been started`,
      transient,
    );
  }
  if (session.state !== 'active' || !session.txn) {
    throw new CommandError(
      'NoSuchTransaction',
      `Transaction ${txnNumber} has been ${session.state}.`,
      transient,
    );
  }
  return session.txn;
}

export function commandTxnNumber(body: Document): bigint | undefined {
  return toTxnNumber(body.txnNumber);
}
