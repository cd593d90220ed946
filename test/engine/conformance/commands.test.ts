import { commandErrorCases, KNOWN_GAPS_COMMANDS } from './cases/commands-errors';
import { cursorCountDistinctCases } from './cases/cursors-count-distinct';
import { findAndModifyCases, KNOWN_GAPS_FIND_AND_MODIFY } from './cases/find-and-modify';
import { indexAdminCases } from './cases/indexes-admin';
import { indexCases } from './cases/indexes';
import { KNOWN_GAPS_PROJECTION_SORT, projectionSortCases } from './cases/projection-sort';
import { indexMoreCases } from './cases/indexes-more';
import { KNOWN_GAPS_PROJECTION_MORE, projectionMoreCases } from './cases/projection-more';
import { describeConformance } from './describe-conformance';

describeConformance('projection and sort', projectionSortCases, KNOWN_GAPS_PROJECTION_SORT);
describeConformance('unique, sparse, partial and multikey indexes', indexCases);
describeConformance('index commands and explain', indexAdminCases);
describeConformance('collections and errors', commandErrorCases, KNOWN_GAPS_COMMANDS);
describeConformance('cursors, count and distinct', cursorCountDistinctCases);
describeConformance('findAndModify', findAndModifyCases, KNOWN_GAPS_FIND_AND_MODIFY);
describeConformance('more index behaviour', indexMoreCases);
describeConformance('more projection, $bucket and $sum', projectionMoreCases, KNOWN_GAPS_PROJECTION_MORE);
