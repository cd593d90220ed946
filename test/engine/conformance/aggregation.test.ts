import { aggregationMoreCases, KNOWN_GAPS_AGGREGATION_MORE } from './cases/aggregation-more';
import { aggregationStageCases, KNOWN_GAPS_AGGREGATION_STAGES } from './cases/aggregation-stages';
import {
  aggregationUnwindPagingCases,
  KNOWN_GAPS_AGGREGATION_PAGING,
} from './cases/aggregation-unwind-paging';
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
