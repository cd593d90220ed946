import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { asBadValue } from './errors';

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
  const query = asBadValue(() => new Query(filter, options));
  return { test: (doc) => asBadValue(() => query.test(doc)), query };
}
