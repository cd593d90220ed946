import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { CommandError } from '../errors';
import { asBadValue } from './errors';
import { compiledOptions } from './mingo-context';
import { isPlainObject } from './paths';

const UNSUPPORTED = new Set(['$text', '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$where']);

/** Fails loudly on operators mingo lacks or would answer differently from MongoDB. */
function rejectUnsupported(value: unknown): void {
  if (Array.isArray(value)) value.forEach(rejectUnsupported);
  else if (isPlainObject(value)) {
    for (const [key, nested] of Object.entries(value)) {
      if (UNSUPPORTED.has(key))
        throw new CommandError('NotImplemented', `${key} is not supported by this engine`);
      rejectUnsupported(nested);
    }
  }
}

export type DocumentPredicate = (doc: Document) => boolean;

const matchAll: DocumentPredicate = () => true;

export interface CompiledFilter {
  test: DocumentPredicate;
  query: Query | undefined;
}

export function compileFilter(filter: Document | undefined, options: Options): CompiledFilter {
  if (filter !== undefined && (typeof filter !== 'object' || filter === null || Array.isArray(filter))) {
    return asBadValue(() => {
      throw new Error('filter must be an object');
    });
  }
  if (!filter || Object.keys(filter).length === 0) return { test: matchAll, query: undefined };
  rejectUnsupported(filter);
  const query = asBadValue(() => new Query(filter, compiledOptions(options)));
  return { test: (doc) => asBadValue(() => query.test(doc)), query };
}
