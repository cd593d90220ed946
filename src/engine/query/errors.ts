import { CommandError } from '../errors';

/** Runs mingo work, reporting its failures as MongoDB BadValue errors rather than internal errors. */
export function asBadValue<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError('BadValue', error instanceof Error ? error.message : String(error));
  }
}
