import type { Document } from 'bson';
import { CommandError } from '../errors';
import type { FindRequest } from '../query/execute';
import { evaluateLet } from '../query/let-variables';
import { isPlainObject } from '../query/paths';
import { parseSort, type CollationSpec } from '../query/sort';
import { documentArg, nonNegativeArg, numberArg } from './args';

export function collationArg(body: Document): CollationSpec | undefined {
  const collation = documentArg(body, 'collation');
  if (!collation) return undefined;
  if (typeof collation.locale !== 'string')
    throw new CommandError('BadValue', "Missing expected field 'locale'");
  return collation as CollationSpec;
}

/** A non-simple collation: comparisons of strings follow it, so binary index keys cannot pick candidates. */
export function usesCollation(collation: CollationSpec | undefined): boolean {
  return collation !== undefined && collation.locale !== 'simple';
}

/** The command's `let` variables, evaluated once, visible as $$name in $expr and pipelines. */
export function letArg(body: Document): Record<string, unknown> | undefined {
  const raw = documentArg(body, 'let');
  return raw && evaluateLet(raw);
}

export function hintArg(body: Document): FindRequest['hint'] {
  const hint = body.hint;
  if (hint === undefined || hint === null) return undefined;
  if (typeof hint === 'string') return hint;
  if (isPlainObject(hint)) return parseSort(hint);
  throw new CommandError('BadValue', 'hint must be a string or an object');
}

/** The find command's arguments as an executable request. */
export function parseFindRequest(body: Document): FindRequest & { batchSize?: number; singleBatch: boolean } {
  const rawLimit = numberArg(body, 'limit');
  let singleBatch = body.singleBatch === true;
  let limit = rawLimit;
  if (rawLimit !== undefined && rawLimit < 0) {
    limit = -rawLimit;
    singleBatch = true;
  }
  return {
    filter: documentArg(body, 'filter'),
    sort: parseSort(body.sort),
    projection: documentArg(body, 'projection'),
    skip: nonNegativeArg(body, 'skip'),
    limit,
    collation: collationArg(body),
    hint: hintArg(body),
    variables: letArg(body),
    batchSize: nonNegativeArg(body, 'batchSize'),
    singleBatch,
  };
}
