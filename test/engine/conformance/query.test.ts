import { queryComparisonCases } from './cases/query-comparison';
import { KNOWN_GAPS_QUERY_EVALUATION, queryEvaluationArrayCases } from './cases/query-evaluation-array';
import { queryLogicalElementCases } from './cases/query-logical-element';
import { KNOWN_GAPS_QUERY_MORE, queryMoreCases } from './cases/query-more';
import { queryPatternCases } from './cases/query-patterns';
import { describeConformance } from './describe-conformance';

describeConformance('query comparison', queryComparisonCases);
describeConformance('query logical and element', queryLogicalElementCases);
describeConformance(
  'query evaluation, array and bitwise',
  queryEvaluationArrayCases,
  KNOWN_GAPS_QUERY_EVALUATION,
);
describeConformance('query ObjectId, types, collation and longs', queryMoreCases, KNOWN_GAPS_QUERY_MORE);
describeConformance('query patterns an application uses', queryPatternCases);
