import { Context, ProcessingMode } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { CollectionResolver, Options, PipelineOperator, QueryOperator } from 'mingo/types';
import { CommandError } from '../errors';
import { comparisonOperators } from './comparison-ops';
import type { CollationSpec } from './sort';
import { sortStage } from './sort-stage';
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

/** All of mingo's operators with the engine's BSON-aware replacements; built once. */
export const ENGINE_CONTEXT = Context.init({
  accumulator: { ...accumulatorOperators, ...sumAccumulator } as never,
  expression: { ...expressionOperators, ...typeExpressionOperators } as never,
  pipeline: {
    ...pipelineOperators,
    ...sortStage,
    ...countStage,
    ...projectStage,
    ...unsupportedStages,
  } as never,
  projection: projectionOperators as never,
  query: {
    ...queryOperators,
    ...comparisonOperators,
    ...modOperator,
    ...typeQueryOperators,
    ...unsupportedQueryOps,
  } as never,
  window: windowOperators as never,
});

export interface MingoExtras {
  collectionResolver?: CollectionResolver;
  collation?: CollationSpec;
  variables?: Record<string, unknown>;
}

export function mingoOptions({ collation, ...extras }: MingoExtras = {}): Options {
  return {
    collation: collation as Options['collation'],
    idKey: '_id',
    processingMode: ProcessingMode.CLONE_OFF,
    useStrictMode: true,
    scriptEnabled: false,
    failOnError: true,
    context: ENGINE_CONTEXT,
    ...extras,
  };
}
