import { Context, ProcessingMode } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { CollectionResolver, Options, PipelineOperator, QueryOperator } from 'mingo/types';
import { CommandError } from '../errors';
import { bitsOperators } from './bits-ops';
import { bucketStage } from './bucket-stage';
import { comparisonOperators } from './comparison-ops';
import { minMaxAccumulators } from './min-max-accumulators';
import type { CollationSpec } from './sort';
import { sizeOperator } from './size-op';
import { sortStage } from './sort-stage';
import { stringCaseOperators } from './string-case-ops';
import { sumAccumulator } from './sum-accumulator';
import { countStage, modOperator, projectStage } from './stage-overrides';
import { typeExpressionOperators, typeQueryOperators } from './type-ops';

function unsupported(what: string): () => never {
  return () => {
    throw new CommandError('NotImplemented', `${what} is not supported by this engine`);
  };
}

const UNSUPPORTED_QUERY = ['$text', '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$where'];
const UNSUPPORTED_STAGES = ['$geoNear', '$search', '$searchMeta', '$collStats', '$indexStats', '$currentOp'];

const unsupportedQueryOps: Record<string, QueryOperator> = Object.fromEntries(
  UNSUPPORTED_QUERY.map((name) => [name, unsupported(`query operator ${name}`) as unknown as QueryOperator]),
);
const unsupportedStages: Record<string, PipelineOperator> = Object.fromEntries(
  UNSUPPORTED_STAGES.map((name) => [name, unsupported(`stage ${name}`) as unknown as PipelineOperator]),
);

/**
 * A query operator that, only while `compiledOptions` runs, hands out the compiled options mingo passes to
 * operators; at any other time it is unknown, as for a client that names it.
 */
const CAPTURE_OPTIONS = '$engineCompiledOptions';
let capturing = false;
let captured: Options | undefined;
const captureOptions = ((_selector: string, _value: unknown, options: Options) => {
  if (!capturing) throw new Error(`unknown query operator ${CAPTURE_OPTIONS}`);
  captured = options;
  return () => true;
}) as unknown as QueryOperator;

/** All of mingo's operators with the engine's BSON-aware replacements; built once. */
export const ENGINE_CONTEXT = Context.init({
  accumulator: { ...accumulatorOperators, ...sumAccumulator, ...minMaxAccumulators } as never,
  expression: {
    ...expressionOperators,
    ...typeExpressionOperators,
    ...stringCaseOperators,
    ...sizeOperator,
  } as never,
  pipeline: {
    ...pipelineOperators,
    ...sortStage,
    ...countStage,
    ...projectStage,
    ...bucketStage,
    ...unsupportedStages,
  } as never,
  projection: projectionOperators as never,
  query: {
    ...queryOperators,
    ...comparisonOperators,
    ...modOperator,
    ...bitsOperators,
    ...typeQueryOperators,
    ...unsupportedQueryOps,
    [CAPTURE_OPTIONS]: captureOptions,
  } as never,
  window: windowOperators as never,
});

export interface MingoExtras {
  collectionResolver?: CollectionResolver;
  collation?: CollationSpec;
  variables?: Record<string, unknown>;
}

function plainOptions({ collation, ...extras }: MingoExtras): Options {
  return Object.freeze({
    collation: collation as Options['collation'],
    idKey: '_id',
    processingMode: ProcessingMode.CLONE_OFF,
    useStrictMode: true,
    scriptEnabled: false,
    failOnError: true,
    context: ENGINE_CONTEXT,
    ...extras,
  });
}

const DEFAULT_OPTIONS = plainOptions({});
const MAX_CACHED_COLLATIONS = 64;
const byCollation = new Map<string, Options>();

/** Shared, frozen options for the common cases (no extras, or only a collation); fresh ones otherwise. */
export function mingoOptions(extras: MingoExtras = {}): Options {
  if (extras.collectionResolver || extras.variables) return plainOptions(extras);
  if (!extras.collation) return DEFAULT_OPTIONS;
  const key = JSON.stringify(extras.collation);
  let options = byCollation.get(key);
  if (!options) {
    if (byCollation.size >= MAX_CACHED_COLLATIONS) byCollation.clear();
    byCollation.set(key, (options = plainOptions({ collation: extras.collation })));
  }
  return options;
}

const compiled = new WeakMap<Options, Options>();

/**
 * Options for `new Query`. Given plain options, mingo copies the whole operator table on every query; given
 * its own compiled options it only copies a few locals. Its class is not exported, so an instance is taken
 * once per options object from a throwaway query through the capture operator.
 */
export function compiledOptions(options: Options): Options {
  let found = compiled.get(options);
  if (!found) {
    capturing = true;
    try {
      new Query({ _id: { [CAPTURE_OPTIONS]: true } }, options);
      found = captured ?? options;
    } finally {
      capturing = false;
      captured = undefined;
    }
    compiled.set(options, found);
  }
  return found;
}
