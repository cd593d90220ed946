import { makeComparator } from '../query/sort';
import type { Document } from 'bson';
import { CommandError } from '../errors';
import { executeFind } from '../query/execute';
import { mingoOptions } from '../query/mingo-context';
import { collectPathValues } from '../query/paths';
import { documentArg, namespaceArg, nonNegativeArg, numberArg } from './args';
import { collationArg, hintArg } from './find-request';
import type { CommandSpec } from './types';

export const count: CommandSpec = {
  access: 'read',
  run(call, view) {
    if (call.txn) {
      throw new CommandError(
        'OperationNotSupportedInTransaction',
        "Cannot run 'count' in a multi-document transaction. Please see http://dochub.mongodb.org/core/transaction-count for a recommended alternative.",
      );
    }
    const ns = namespaceArg(call);
    const query = documentArg(call.body, 'query');
    const skip = nonNegativeArg(call.body, 'skip') ?? 0;
    const limit = Math.abs(numberArg(call.body, 'limit') ?? 0);
    if (!view.getCollection(ns)) return { n: 0, ok: 1 };
    if ((!query || Object.keys(query).length === 0) && call.body.hint === undefined) {
      const total = Math.max(0, view.count(ns) - skip);
      return { n: limit > 0 ? Math.min(limit, total) : total, ok: 1 };
    }
    const collation = collationArg(call.body);
    const request = { filter: query, skip, limit, hint: hintArg(call.body), collation };
    const { results } = executeFind(view, ns, request, mingoOptions({ collation }));
    let n = 0;
    while (!results.next().done) n++;
    return { n, ok: 1 };
  },
};

export const distinct: CommandSpec = {
  access: 'read',
  run(call, view) {
    const ns = namespaceArg(call);
    const key = call.body.key;
    if (typeof key !== 'string' || key.length === 0)
      throw new CommandError('TypeMismatch', "Field 'key' must be a string");
    const request = { filter: documentArg(call.body, 'query'), collation: collationArg(call.body) };
    const { results } = executeFind(view, ns, request, mingoOptions({ collation: request.collation }));
    const parts = key.split('.');
    const values: unknown[] = [];
    for (let step = results.next(); !step.done; step = results.next()) {
      for (const value of collectPathValues(step.value as Document, parts).values) {
        if (Array.isArray(value) || value === undefined) continue;
        values.push(value);
      }
    }
    // Under a collation, values it deems equal (e.g. 'PING' and 'ping' at strength 2) count once.
    const byField = makeComparator({ v: 1 }, request.collation);
    const compare = (a: unknown, b: unknown): number => byField({ v: a }, { v: b });
    values.sort(compare);
    const unique = values.filter((value, index) => index === 0 || compare(values[index - 1], value) !== 0);
    return { values: unique, ok: 1 };
  },
};
