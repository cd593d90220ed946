import { ObjectId, serialize, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { Options } from 'mingo/types';
import { updateOne as mingoUpdateOne, type Modifier, type PipelineStage } from 'mingo/updater';
import { compareBson } from '../bson-order';
import { CommandError } from '../errors';
import { cloneDocument } from './clone';
import { exactArithmetic } from './exact-arithmetic';
import { orderNewFields } from './field-order';
import { isPlainObject, setPath } from './paths';
import { applySimpleSet } from './simple-update';
import { rewriteModifier } from './update-rewrite';
import { rejectConflictingPaths, rejectTypeMismatches } from './update-validation';

export type UpdateSpec =
  | { kind: 'replacement'; doc: Document }
  | { kind: 'operators'; modifier: Document; setOnInsert?: Document }
  | { kind: 'pipeline'; stages: Document[] };

/** Classifies the `u` of an update statement: operators, a replacement document or a pipeline. */
export function parseUpdateSpec(u: unknown): UpdateSpec {
  if (Array.isArray(u)) {
    if (!u.every(isPlainObject)) throw new CommandError('FailedToParse', 'pipeline stages must be objects');
    return { kind: 'pipeline', stages: u };
  }
  if (!isPlainObject(u))
    throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0) return { kind: 'replacement', doc: u };
  if (operators.length !== keys.length) {
    throw new CommandError('FailedToParse', `Unknown modifier: ${keys.find((key) => !key.startsWith('$'))}`);
  }
  const { $setOnInsert, ...modifier } = u;
  if ($setOnInsert !== undefined && !isPlainObject($setOnInsert)) {
    throw new CommandError('FailedToParse', 'Modifiers operate on fields but we found another type instead');
  }
  rejectConflictingPaths(u);
  return { kind: 'operators', modifier, setOnInsert: $setOnInsert as Document | undefined };
}

function idFirst(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id' || !('_id' in doc)) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/**
 * A pipeline update is the pipeline run over the one document (its fields may be dotted or start with '$',
 * which the generic updater cannot track); whether it changed anything is decided by comparing bytes.
 */
function runUpdatePipeline(doc: Document, stages: Document[], options: Options) {
  const [after] = new Aggregator(stages, options).run([doc]) as Document[];
  if (!after) throw new CommandError('BadValue', 'an update pipeline must produce the document');
  return { doc: after, modified: true };
}

function runMingo(
  doc: Document,
  modifier: Document | Document[],
  filter: Document,
  arrayFilters: Document[] | undefined,
  options: Options,
) {
  const docs = [doc];
  try {
    if (Array.isArray(modifier)) return runUpdatePipeline(doc, modifier, options);
    const result = mingoUpdateOne(
      docs,
      filter,
      modifier as Modifier<Document> | PipelineStage[],
      { arrayFilters, cloneMode: 'copy' },
      options,
    );
    return { doc: docs[0], modified: result.modifiedCount > 0 };
  } catch (error) {
    if (error instanceof CommandError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown update operator: '([^']*)'/.exec(message);
    if (message.includes("immutable field '_id'")) throw new CommandError('ImmutableField', message);
    if (unknown)
      throw new CommandError(
        'FailedToParse',
        `Unknown modifier: ${unknown[1]}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    throw new CommandError('BadValue', message);
  }
}

function sameBytes(a: Document, b: Document): boolean {
  return Buffer.from(serialize(a)).equals(serialize(b));
}

/**
 * MongoDB accepts `$set: { _id }` when the value is the one the document already has (connect-mongo sends
 * it on every session save); mingo refuses any write to _id, so the no-op part is removed here.
 */
function withoutUnchangedId(before: Document, modifier: Document): Document {
  const set = modifier.$set;
  if (!isPlainObject(set) || !('_id' in set)) return modifier;
  if (compareBson(set._id, before._id) !== 0) {
    throw new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  const { _id: _unchanged, ...restOfSet } = set;
  const { $set: _set, ...otherOperators } = modifier;
  return Object.keys(restOfSet).length > 0 ? { ...otherOperators, $set: restOfSet } : otherOperators;
}

/** Applies an update to a stored document; the stored one is never mutated. */
export function applyUpdate(
  before: Document,
  spec: UpdateSpec,
  filter: Document,
  arrayFilters: Document[] | undefined,
  options: Options,
): { doc: Document; modified: boolean } {
  let after: Document;
  let modified: boolean;
  if (spec.kind === 'replacement') {
    if ('_id' in spec.doc && compareBson(spec.doc._id, before._id) !== 0) {
      throw new CommandError(
        'ImmutableField',
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${String(spec.doc._id)}`,
      );
    }
    after = idFirst({ _id: before._id, ...spec.doc });
    modified = !sameBytes(before, after);
  } else {
    if (spec.kind === 'operators') {
      rejectTypeMismatches(before, spec.modifier);
      const simple = applySimpleSet(before, spec.modifier);
      if (simple) return simple;
    }
    const modifier =
      spec.kind === 'pipeline'
        ? spec.stages
        : rewriteModifier(before, exactArithmetic(before, withoutUnchangedId(before, spec.modifier)));
    if (spec.kind === 'operators' && Object.keys(modifier).length === 0)
      return { doc: before, modified: false };
    ({ doc: after, modified } = runMingo(cloneDocument(before), modifier, filter, arrayFilters, options));
    // A pipeline that drops _id keeps it, as MongoDB does; one that changes it is refused below.
    if (spec.kind === 'pipeline' && !('_id' in after)) after = { _id: before._id, ...after };
    if (spec.kind === 'pipeline' && modified) modified = !sameBytes(before, after);
    if (!('_id' in after) || compareBson(after._id, before._id) !== 0) {
      throw new CommandError(
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    after = idFirst(spec.kind === 'operators' && modified ? orderNewFields(before, after) : after);
  }
  return { doc: after, modified };
}

/** The equality parts of a filter, as an upsert's starting document. */
export function seedFromFilter(filter: Document): Document {
  const seed: Document = {};
  const visit = (part: Document): void => {
    for (const [key, value] of Object.entries(part)) {
      if (key === '$and' && Array.isArray(value)) value.filter(isPlainObject).forEach(visit);
      if (key.startsWith('$')) continue;
      if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
        if ('$eq' in value) setPath(seed, key, cloneDocument({ v: value.$eq }).v);
        else if (Array.isArray(value.$in) && value.$in.length === 1) setPath(seed, key, value.$in[0]);
      } else if (!(value instanceof RegExp)) {
        setPath(seed, key, cloneDocument({ v: value }).v);
      }
    }
  };
  visit(filter);
  return seed;
}

/** The document an upsert inserts when nothing matched. */
export function buildUpsertDocument(
  filter: Document,
  spec: UpdateSpec,
  arrayFilters: Document[] | undefined,
  options: Options,
): Document {
  const seed = seedFromFilter(filter);
  let doc: Document;
  if (spec.kind === 'replacement') {
    doc = { ...spec.doc };
    if (!('_id' in doc) && '_id' in seed) doc._id = seed._id;
  } else if (spec.kind === 'pipeline') {
    doc = runMingo(seed, spec.stages, {}, arrayFilters, options).doc;
  } else {
    const modifier: Document = { ...spec.modifier };
    if (spec.setOnInsert) modifier.$set = { ...(modifier.$set as Document | undefined), ...spec.setOnInsert };
    // mingo refuses any write to _id; on insert MongoDB accepts it when it agrees with the filter.
    if (isPlainObject(modifier.$set) && '_id' in modifier.$set) {
      const { _id, ...rest } = modifier.$set;
      if ('_id' in seed && compareBson(seed._id, _id) !== 0) {
        throw new CommandError(
          'ImmutableField',
          "Performing an update on the path '_id' would modify the immutable field '_id'",
        );
      }
      seed._id = _id;
      modifier.$set = rest;
    }
    const rewritten = rewriteModifier(seed, modifier);
    doc =
      Object.keys(rewritten).length > 0
        ? orderNewFields(seed, runMingo(cloneDocument(seed), rewritten, {}, arrayFilters, options).doc)
        : seed;
  }
  if (!('_id' in doc)) doc._id = new ObjectId();
  return idFirst(doc);
}
