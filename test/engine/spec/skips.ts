import type { Document } from 'mongodb';
import { notApplicable } from './applicability';
import type { SpecFile } from './run-test';

interface SkipRule {
  reason: string;
  applies(file: SpecFile, test: Document): boolean;
}

function operationNames(test: Document): string[] {
  return (test.operations as Document[]).map((op) => op.name as string);
}

function mentions(value: unknown, key: string): boolean {
  return JSON.stringify(value).includes(`"${key}"`);
}

/**
 * The one list of what is skipped, and why: only what a single embedded server cannot have. Tests whose
 * runOnRequirements this server does not meet (a newer server version, a sharded or load-balanced
 * topology, serverless) are skipped by the first rule, as the unified format prescribes.
 */
export const SKIP_RULES: SkipRule[] = [
  {
    reason: 'runOnRequirements not met by a MongoDB 7.0 replica set',
    applies: (file, test) =>
      notApplicable(file.runOnRequirements) !== undefined ||
      notApplicable(test.runOnRequirements as Document[] | undefined) !== undefined,
  },
  {
    reason: 'fail points (configureFailPoint) exist only in test builds of mongod',
    applies: (_file, test) =>
      operationNames(test).some((name) => name === 'failPoint' || name === 'targetedFailPoint'),
  },
  {
    reason: 'Atlas Search indexes exist only on Atlas',
    applies: (_file, test) => operationNames(test).some((name) => /SearchIndex/.test(name)),
  },
  {
    reason: 'client-side operation timeouts (CSOT) are not part of a single embedded server',
    applies: (file, test) =>
      mentions(test, 'timeoutMS') || mentions(test, 'isTimeoutError') || mentions(file, 'timeoutMS'),
  },
  {
    reason: 'client-side field-level encryption (CSFLE) needs mongocryptd and a key vault',
    applies: (file) => mentions(file, 'autoEncryptOpts'),
  },
  {
    reason: 'change streams are not implemented by the engine',
    applies: (_file, test) => operationNames(test).includes('createChangeStream'),
  },
  {
    reason: 'the test file itself says it does not apply',
    applies: (_file, test) => typeof test.skipReason === 'string',
  },
];

/** Why a test is skipped, or undefined when it runs. */
export function skipReason(file: SpecFile, test: Document): string | undefined {
  return SKIP_RULES.find((rule) => rule.applies(file, test))?.reason;
}
