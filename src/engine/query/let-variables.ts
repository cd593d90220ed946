import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { CommandError } from '../errors';
import { compiledOptions, mingoOptions } from './mingo-context';

/** A command's `let` document evaluated once, as MongoDB does, into the values $$name refers to. */
export function evaluateLet(raw: Document): Record<string, unknown> {
  const options = compiledOptions(mingoOptions());
  const variables: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(raw)) {
    try {
      variables[name] = evalExpr({}, expression, options);
    } catch (error) {
      if (error instanceof CommandError) throw error;
      throw new CommandError('BadValue', `let variable '${name}': ${(error as Error).message}`);
    }
  }
  return variables;
}
