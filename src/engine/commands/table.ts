import { aggregate } from './aggregate';
import { catalogCommands } from './catalog';
import { count, distinct } from './count-distinct';
import { getMore, killCursors } from './cursors';
import { deleteCommand } from './delete';
import { explain } from './explain';
import { find } from './find';
import { findAndModify } from './find-and-modify';
import { handshakeCommands } from './handshake';
import { indexCommands } from './indexes';
import { insert } from './insert';
import { transactionCommands } from './transactions';
import type { CommandSpec } from './types';
import { update } from './update';

export const COMMANDS = new Map<string, CommandSpec>(
  Object.entries({
    ...handshakeCommands,
    ...catalogCommands,
    ...indexCommands,
    ...transactionCommands,
    find,
    getMore,
    killCursors,
    insert,
    update,
    delete: deleteCommand,
    findAndModify,
    findandmodify: findAndModify,
    aggregate,
    count,
    distinct,
    explain,
  }),
);

/** Commands that manage the transaction themselves instead of joining it. */
export const TRANSACTION_CONTROL = new Set([
  'commitTransaction',
  'abortTransaction',
  'endSessions',
  'killSessions',
]);
