import { CommandError } from '../errors';
import { abortOpen, commandTxnNumber } from '../sessions/sessions';
import { arrayArg } from './args';
import type { CommandCall, CommandSpec, CommandTable } from './types';

const transient = { errorLabels: ['TransientTransactionError'] };

function sessionFor(call: CommandCall) {
  const session = call.session;
  const txnNumber = commandTxnNumber(call.body);
  if (!session || txnNumber === undefined) {
    throw new CommandError('InvalidOptions', `${call.name} must be run within a transaction`);
  }
  if (session.txnNumber !== undefined && txnNumber < session.txnNumber) {
    throw new CommandError(
      'TransactionTooOld',
      `txnNumber ${txnNumber} is less than last txnNumber ${session.txnNumber} seen in this session`,
    );
  }
  if (session.txnNumber !== txnNumber) {
    throw new CommandError(
      'NoSuchTransaction',
      `Transaction with txnNumber ${txnNumber} has not been started`,
      transient,
    );
  }
  return session;
}

const commitTransaction: CommandSpec = {
  access: 'none',
  async run(call) {
    const session = sessionFor(call);
    if (session.state === 'committed') return { ok: 1 };
    if (session.state !== 'active' || !session.txn) {
      throw new CommandError(
        'NoSuchTransaction',
        `Transaction ${session.txnNumber} has been aborted.`,
        transient,
      );
    }
    const txn = session.txn;
    try {
      await txn.commit();
      session.state = 'committed';
      session.txn = undefined;
    } catch (error) {
      abortOpen(session);
      throw error;
    }
    return { ok: 1 };
  },
};

const abortTransaction: CommandSpec = {
  access: 'none',
  run(call) {
    const session = sessionFor(call);
    if (session.state === 'committed') {
      throw new CommandError('TransactionCommitted', `Transaction ${session.txnNumber} has been committed.`);
    }
    if (session.state !== 'active') {
      throw new CommandError(
        'NoSuchTransaction',
        `Transaction ${session.txnNumber} has been aborted.`,
        transient,
      );
    }
    abortOpen(session);
    return { ok: 1 };
  },
};

const endSessions: CommandSpec = {
  access: 'none',
  run(call) {
    for (const lsid of arrayArg(call.body, call.name)) call.state.sessions.end(lsid);
    return { ok: 1 };
  },
};

export const transactionCommands: CommandTable = {
  commitTransaction,
  abortTransaction,
  endSessions,
  killSessions: endSessions,
  refreshSessions: { access: 'none', run: () => ({ ok: 1 }) },
  startSession: { access: 'none', run: () => ({ ok: 1 }) },
};
