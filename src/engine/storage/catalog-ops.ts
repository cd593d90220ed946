import type { Document } from 'bson';
import { CommandError } from '../errors';
import type { JournalOp } from '../persistence/types';
import type { CatalogWriter } from './catalog';
import { Collection, ID_INDEX } from './collection';
import { sameKeyPattern, sameOptions, validateIndexSpec } from './index-specs';
import { splitNamespace } from './namespaces';
import type { IndexSpec } from './types';

/** What catalog operations need from the transaction running them. */
export interface CatalogChange {
  readonly writer: CatalogWriter;
  claimNamespace(ns: string): void;
  record(op: JournalOp): void;
}

const UNSUPPORTED_OPTIONS = ['capped', 'viewOn', 'timeseries', 'clusteredIndex', 'encryptedFields'];

export function createCollection(t: CatalogChange, ns: string, options: Document): void {
  splitNamespace(ns);
  const unsupported = UNSUPPORTED_OPTIONS.find((option) => options[option]);
  if (unsupported)
    throw new CommandError('NotImplemented', `'${unsupported}' collections are not supported by this engine`);
  if (t.writer.get(ns)) throw new CommandError('NamespaceExists', `Collection ${ns} already exists.`);
  t.claimNamespace(ns);
  t.writer.writable(ns, options);
  t.record({ op: 'createCollection', ns, options });
}

export function dropCollection(t: CatalogChange, ns: string): boolean {
  if (!t.writer.get(ns)) return false;
  t.claimNamespace(ns);
  t.writer.drop(ns);
  t.record({ op: 'dropCollection', ns });
  return true;
}

export function dropDatabase(t: CatalogChange, db: string): void {
  const namespaces = t.writer.namespacesOf(db);
  if (namespaces.length === 0) return;
  namespaces.forEach((ns) => t.claimNamespace(ns));
  namespaces.forEach((ns) => t.writer.drop(ns));
  t.record({ op: 'dropDatabase', db });
}

export function renameCollection(t: CatalogChange, from: string, to: string, dropTarget: boolean): void {
  splitNamespace(from);
  splitNamespace(to);
  if (from === to) throw new CommandError('IllegalOperation', "Can't rename a collection to itself");
  if (!t.writer.get(from))
    throw new CommandError('NamespaceNotFound', `Source collection ${from} does not exist`);
  const targetExists = t.writer.get(to) !== undefined;
  if (targetExists && !dropTarget) throw new CommandError('NamespaceExists', 'Target namespace exists');
  t.claimNamespace(from);
  t.claimNamespace(to);
  if (targetExists) t.writer.drop(to);
  t.writer.rename(from, to);
  t.record({ op: 'renameCollection', from, to });
}

function describe(spec: IndexSpec): string {
  return JSON.stringify({ v: 2, ...spec });
}

/** Which of the requested specs are new; throws MongoDB's conflict errors for clashing ones. */
function newSpecs(existing: IndexSpec[], specs: IndexSpec[]): IndexSpec[] {
  const fresh: IndexSpec[] = [];
  for (const spec of specs) {
    validateIndexSpec(spec);
    const known = [...existing, ...fresh];
    const byName = known.find((s) => s.name === spec.name);
    if (byName) {
      if (sameKeyPattern(byName.key, spec.key) && sameOptions(byName, spec)) continue;
      const [codeName, lead] = sameKeyPattern(byName.key, spec.key)
        ? ([
            'IndexOptionsConflict',
            'An equivalent index already exists with the same name but different options.',
          ] as const)
        : (['IndexKeySpecsConflict', 'An existing index has the same name as the requested index.'] as const);
      throw new CommandError(
        codeName,
        `${lead} Requested index: ${describe(spec)}, existing index: ${describe(byName)}`,
      );
    }
    const byKey = known.find((s) => sameKeyPattern(s.key, spec.key));
    const distinguishable =
      byKey &&
      (byKey.partialFilterExpression || spec.partialFilterExpression || byKey.collation || spec.collation);
    if (byKey && !distinguishable) {
      throw new CommandError(
        'IndexOptionsConflict',
        `Index already exists with a different name: ${byKey.name}`,
      );
    }
    fresh.push(spec);
  }
  return fresh;
}

/**
 * A non-unique index on one field can refuse no document (no duplicate key, no parallel arrays), so it is
 * built when first used, as an index read back from a snapshot is, and creating it decodes nothing.
 */
function buildCannotFail(spec: IndexSpec): boolean {
  return !spec.unique && Object.keys(spec.key).length === 1;
}

export function createIndexes(
  t: CatalogChange,
  ns: string,
  specs: IndexSpec[],
): { numIndexesBefore: number; numIndexesAfter: number; createdCollectionAutomatically: boolean } {
  splitNamespace(ns);
  const current = t.writer.get(ns);
  const existing = current ? current.specs() : [ID_INDEX];
  const fresh = newSpecs(existing, specs);
  const before = existing.length;
  if (fresh.length === 0) {
    return { numIndexesBefore: before, numIndexesAfter: before, createdCollectionAutomatically: false };
  }
  const trial = current ? current.clone() : Collection.empty(ns, {});
  for (const spec of fresh) {
    if (buildCannotFail(spec)) trial.addCheckedIndex(spec);
    else trial.addIndex(spec);
  }
  t.claimNamespace(ns);
  if (!current) t.record({ op: 'createCollection', ns, options: {} });
  const target = t.writer.writable(ns);
  for (const spec of fresh) {
    const built = trial.indexes.get(spec.name);
    if (built) target.indexes.set(spec.name, built);
    t.record({ op: 'createIndex', ns, spec });
  }
  return {
    numIndexesBefore: before,
    numIndexesAfter: before + fresh.length,
    createdCollectionAutomatically: !current,
  };
}

export function dropIndexes(t: CatalogChange, ns: string, names: string[] | '*'): number {
  const current = t.writer.get(ns);
  if (!current) throw new CommandError('NamespaceNotFound', `ns not found ${ns}`);
  const before = current.specs().length;
  const targets = names === '*' ? [...current.indexes.keys()] : names;
  for (const name of targets) {
    if (name === '_id_') throw new CommandError('InvalidOptions', 'cannot drop _id index');
    if (!current.indexes.has(name))
      throw new CommandError('IndexNotFound', `index not found with name [${name}]`);
  }
  if (targets.length === 0) return before;
  t.claimNamespace(ns);
  const target = t.writer.writable(ns);
  for (const name of targets) {
    target.indexes.delete(name);
    t.record({ op: 'dropIndex', ns, name });
  }
  return before;
}
