import type { Document } from 'bson';
import { CommandError } from '../errors';
import { compileFilter } from '../query/matcher';
import { mingoOptions } from '../query/mingo-context';
import { isPlainObject } from '../query/paths';
import { documentsArg, namespaceArg, numberArg } from './args';
import { collationArg, hintArg, letArg, usesCollation } from './find-request';
import type { CommandSpec } from './types';
import { orderedArg, toWriteError, writeReply } from './write-errors';

export const deleteCommand: CommandSpec = {
  access: 'write',
  run(call, txn) {
    const ns = namespaceArg(call);
    const statements = documentsArg(call.body, 'deletes');
    const ordered = orderedArg(call.body);
    const variables = letArg(call.body);
    const writeErrors: Document[] = [];
    let n = 0;
    for (const [index, raw] of statements.entries()) {
      try {
        if (!isPlainObject(raw.q)) throw new CommandError('TypeMismatch', "Field 'q' must be an object");
        const limit = numberArg(raw, 'limit') ?? 0;
        if (limit !== 0 && limit !== 1)
          throw new CommandError('BadValue', 'The limit field in delete objects must be 0 or 1');
        if (!txn.getCollection(ns)) continue;
        const collation = collationArg(raw);
        const matcher = compileFilter(raw.q, mingoOptions({ collation, variables }));
        const targets: Document[] = [];
        const filter = usesCollation(collation) ? {} : raw.q;
        for (const doc of txn.scan(ns, { filter, hint: hintArg(raw) }).docs) {
          if (!matcher.test(doc)) continue;
          targets.push(doc);
          if (limit === 1) break;
        }
        for (const doc of targets) txn.remove(ns, doc);
        n += targets.length;
      } catch (error) {
        writeErrors.push(toWriteError(error, index));
        if (ordered) break;
      }
    }
    return writeReply(n, writeErrors);
  },
};
