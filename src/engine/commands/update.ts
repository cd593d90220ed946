import type { Document } from 'bson';
import type { Options } from 'mingo/types';
import { CommandError } from '../errors';
import { compileFilter } from '../query/matcher';
import { mingoOptions } from '../query/mingo-context';
import { isPlainObject } from '../query/paths';
import { applyUpdate, buildUpsertDocument, parseUpdateSpec } from '../query/update';
import type { WriteTxn } from '../storage/api';
import { isExactPlan, isSimpleEquality } from '../storage/planner';
import { documentsArg, namespaceArg } from './args';
import { collationArg, hintArg, letArg, usesCollation } from './find-request';
import type { CollationSpec } from '../query/sort';
import { prepareForInsert } from './insert';
import type { CommandSpec } from './types';
import { orderedArg, toWriteError, writeReply } from './write-errors';

export interface UpdateStatement {
  q: Document;
  u: unknown;
  upsert: boolean;
  multi: boolean;
  arrayFilters: Document[] | undefined;
  hint?: string | Record<string, 1 | -1>;
  collation?: CollationSpec;
}

export function parseStatement(raw: Document): UpdateStatement {
  if (!isPlainObject(raw.q)) throw new CommandError('TypeMismatch', "Field 'q' must be an object");
  if (raw.u === undefined)
    throw new CommandError('FailedToParse', "BSON field 'u' is missing but a required field");
  if (
    raw.arrayFilters !== undefined &&
    !(Array.isArray(raw.arrayFilters) && raw.arrayFilters.every(isPlainObject))
  ) {
    throw new CommandError('TypeMismatch', "Field 'arrayFilters' must be an array of objects");
  }
  return {
    q: raw.q,
    u: raw.u,
    upsert: raw.upsert === true,
    multi: raw.multi === true,
    arrayFilters: raw.arrayFilters as Document[] | undefined,
    hint: hintArg(raw),
    collation: collationArg(raw),
  };
}

export interface StatementResult {
  matched: number;
  modified: number;
  upsertedId?: unknown;
}

/** Collects the targets first, then writes them, so a write never disturbs the scan it came from. */
export function runUpdateStatement(
  txn: WriteTxn,
  ns: string,
  statement: UpdateStatement,
  options: Options,
): StatementResult {
  const spec = parseUpdateSpec(statement.u);
  if (statement.multi && spec.kind === 'replacement') {
    throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
  }
  // A simple equality cannot fail to compile, so compiling it can wait until the plan shows it is needed.
  // Indexes hold binary keys, so under a collation every document is a candidate.
  const collated = usesCollation(statement.collation);
  let matcher = isSimpleEquality(statement.q) && !collated ? undefined : compileFilter(statement.q, options);
  const targets: Document[] = [];
  if (txn.getCollection(ns)) {
    const filter = collated ? {} : statement.q;
    const scan = txn.scan(ns, { filter, hint: statement.hint });
    if (!matcher && !isExactPlan(scan.plan)) matcher = compileFilter(statement.q, options);
    for (const doc of scan.docs) {
      if (matcher && !matcher.test(doc)) continue;
      targets.push(doc);
      if (!statement.multi) break;
    }
  }
  if (targets.length === 0 && statement.upsert) {
    const doc = prepareForInsert(buildUpsertDocument(statement.q, spec, statement.arrayFilters, options));
    txn.insert(ns, doc);
    return { matched: 0, modified: 0, upsertedId: doc._id };
  }
  let modified = 0;
  for (const before of targets) {
    const result = applyUpdate(before, spec, statement.q, statement.arrayFilters, options);
    if (!result.modified) continue;
    txn.replace(ns, before, result.doc);
    modified++;
  }
  return { matched: targets.length, modified };
}

export const update: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    const statements = documentsArg(call.body, 'updates');
    if (statements.some((statement) => statement.sort !== undefined)) {
      // MongoDB 7.0 has no sort on update statements (8.0 added it for single updates).
      throw new CommandError('Location40415', "BSON field 'update.updates.sort' is an unknown field.");
    }
    const ordered = orderedArg(call.body);
    const variables = letArg(call.body);
    const writeErrors: Document[] = [];
    const upserted: Document[] = [];
    let n = 0;
    let nModified = 0;
    for (const [index, raw] of statements.entries()) {
      try {
        const statement = parseStatement(raw);
        const options = mingoOptions({ collation: statement.collation, variables });
        const result = runUpdateStatement(txn, ns, statement, options);
        if (result.upsertedId !== undefined) {
          upserted.push({ index, _id: result.upsertedId });
          n++;
        }
        n += result.matched;
        nModified += result.modified;
      } catch (error) {
        writeErrors.push(toWriteError(error, index));
        if (ordered) break;
      }
    }
    return writeReply(n, writeErrors, upserted.length > 0 ? { nModified, upserted } : { nModified });
  },
};
