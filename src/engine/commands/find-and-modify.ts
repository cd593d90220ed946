import type { Document } from 'bson';
import { CommandError } from '../errors';
import { executeFind } from '../query/execute';
import { mingoOptions } from '../query/mingo-context';
import { compileProjection } from '../query/projection';
import { parseSort } from '../query/sort';
import { applyUpdate, buildUpsertDocument, parseUpdateSpec } from '../query/update';
import { documentArg, namespaceArg } from './args';
import { collationArg, hintArg, letArg } from './find-request';
import { prepareForInsert } from './insert';
import type { CommandSpec } from './types';

export const findAndModify: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    const body = call.body;
    const query = documentArg(body, 'query') ?? {};
    const remove = body.remove === true;
    if (remove && body.update !== undefined)
      throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
    if (!remove && body.update === undefined)
      throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
    if (remove && body.upsert === true)
      throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
    if (remove && body.new === true)
      throw new CommandError('FailedToParse', 'Cannot specify both new=true and remove=true');
    const collation = collationArg(body);
    const options = mingoOptions({ collation, variables: letArg(body) });
    const project = compileProjection(documentArg(body, 'fields'), query, options);
    const request = {
      filter: query,
      sort: parseSort(body.sort),
      limit: 1,
      collation,
      hint: hintArg(body),
    };
    const found = executeFind(txn, ns, request, options).results.next();
    const before = found.done ? undefined : found.value;

    if (remove) {
      if (before) txn.remove(ns, before);
      return { lastErrorObject: { n: before ? 1 : 0 }, value: before ? project(before) : null, ok: 1 };
    }
    const spec = parseUpdateSpec(body.update);
    const arrayFilters = body.arrayFilters as Document[] | undefined;
    if (!before) {
      if (body.upsert !== true)
        return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
      const doc = prepareForInsert(buildUpsertDocument(query, spec, arrayFilters, options));
      txn.insert(ns, doc);
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
        value: body.new === true ? project(doc) : null,
        ok: 1,
      };
    }
    const result = applyUpdate(before, spec, query, arrayFilters, options);
    if (result.modified) txn.replace(ns, before, result.doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(body.new === true ? result.doc : before),
      ok: 1,
    };
  },
};
