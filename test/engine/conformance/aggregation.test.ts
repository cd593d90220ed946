import { aggregationMoreCases, KNOWN_GAPS_AGGREGATION_MORE } from './cases/aggregation-more';
import { aggregationStageCases, KNOWN_GAPS_AGGREGATION_STAGES } from './cases/aggregation-stages';
import {
  aggregationUnwindPagingCases,
  KNOWN_GAPS_AGGREGATION_PAGING,
} from './cases/aggregation-unwind-paging';
import {
  aggregationExpressionCases,
  KNOWN_GAPS_AGGREGATION_EXPRESSIONS,
} from './cases/aggregation-expressions';
import { aggregationAccumulatorCases } from './cases/aggregation-accumulators';
import { bsonNumberJoinCases } from './cases/bson-numbers-joins';
import { aggregationExpressionMoreCases } from './cases/aggregation-expressions-more';
import { describeConformance } from './describe-conformance';

describeConformance(
  'aggregation $match, $group, $project and $addFields',
  aggregationStageCases,
  KNOWN_GAPS_AGGREGATION_STAGES,
);
describeConformance(
  'aggregation $unwind, paging and counting',
  aggregationUnwindPagingCases,
  KNOWN_GAPS_AGGREGATION_PAGING,
);
describeConformance(
  'aggregation joins, buckets and conversions',
  aggregationMoreCases,
  KNOWN_GAPS_AGGREGATION_MORE,
);
describeConformance(
  'aggregation expressions',
  aggregationExpressionCases,
  KNOWN_GAPS_AGGREGATION_EXPRESSIONS,
);
describeConformance('aggregation accumulators, facets and string operators', aggregationAccumulatorCases);
describeConformance('BSON numbers in aggregation, joins and $$ROOT', bsonNumberJoinCases);
describeConformance('more aggregation expressions', aggregationExpressionMoreCases);
