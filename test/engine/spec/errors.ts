import assert from 'node:assert/strict';
import { MongoError, MongoServerError, type Document } from 'mongodb';
import { match, type MatchContext } from './matcher';
import { toPlain } from './plain';

interface DriverError {
  message?: string;
  code?: number;
  codeName?: string;
  errorResponse?: Document;
  result?: unknown;
  hasErrorLabel?(label: string): boolean;
}

/** Checks an operation's failure against the test's expectError. */
export function checkError(expected: Document, error: unknown, ctx: MatchContext): void {
  const e = error as DriverError;
  if (expected.isClientError !== undefined) {
    const isClient =
      !(error instanceof MongoServerError) && !(error instanceof MongoError && e.code !== undefined);
    assert.equal(isClient, expected.isClientError, `isClientError: ${String(e.message)}`);
  }
  if (expected.errorContains !== undefined) {
    assert.ok(
      String(e.message).toLowerCase().includes(String(expected.errorContains).toLowerCase()),
      `"${String(e.message)}" does not contain "${String(expected.errorContains)}"`,
    );
  }
  if (expected.errorCode !== undefined)
    assert.equal(e.code, expected.errorCode, `errorCode: ${String(e.message)}`);
  if (expected.errorCodeName !== undefined) {
    assert.equal(e.codeName, expected.errorCodeName, `errorCodeName: ${String(e.message)}`);
  }
  for (const label of (expected.errorLabelsContain as string[] | undefined) ?? []) {
    assert.ok(e.hasErrorLabel?.(label), `error lacks label ${label}`);
  }
  for (const label of (expected.errorLabelsOmit as string[] | undefined) ?? []) {
    assert.ok(!e.hasErrorLabel?.(label), `error has label ${label}`);
  }
  if (expected.errorResponse !== undefined) {
    match(expected.errorResponse, toPlain(e.errorResponse ?? {}), 'errorResponse', ctx, true);
  }
  if (expected.expectResult !== undefined)
    match(expected.expectResult, toPlain(e.result), 'result', ctx, true);
  if (expected.isTimeoutError !== undefined) throw new Error('timeout errors are not checked (CSOT)');
}
