import { KNOWN_GAPS_UPDATE_ARRAYS, updateArrayCases } from './cases/update-arrays';
import { KNOWN_GAPS_UPDATE_FIELDS, updateFieldCases } from './cases/update-fields';
import { updatePullPositionalCases } from './cases/update-positional';
import { KNOWN_GAPS_UPSERT, updateUpsertCases } from './cases/update-upsert';
import { KNOWN_GAPS_UPDATE_MORE, updateMoreCases } from './cases/update-more';
import { KNOWN_GAPS_UPDATE_VALIDATION, updateValidationCases } from './cases/update-validation';
import { updatePatternCases } from './cases/update-patterns';
import { describeConformance } from './describe-conformance';

describeConformance('update field operators', updateFieldCases, KNOWN_GAPS_UPDATE_FIELDS);
describeConformance('update $push and $addToSet', updateArrayCases, KNOWN_GAPS_UPDATE_ARRAYS);
describeConformance('update $pull, $pop and positional operators', updatePullPositionalCases);
describeConformance('upsert, pipeline updates, delete and insert', updateUpsertCases, KNOWN_GAPS_UPSERT);
describeConformance(
  'update numeric types, BSON order and multi-statement',
  updateMoreCases,
  KNOWN_GAPS_UPDATE_MORE,
);
describeConformance(
  'update validation, field order and types',
  updateValidationCases,
  KNOWN_GAPS_UPDATE_VALIDATION,
);
describeConformance('update patterns an application uses', updatePatternCases);
