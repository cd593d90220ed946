import mongoose from 'mongoose';
import { systemActor } from '../../src/audit/actor';
import { createRecordChange } from '../../src/audit/recordChange';
import { systemClock } from '../../src/clock';
import type { ImportWriter } from '../../src/import/importCsv';
import { JobQueue } from '../../src/jobs/jobQueue';
import { createLogger } from '../../src/logger';

/** The audited write path on the test's connection, acting as `system:<task>` (for fixtures, imports, seeds). */
export function testWriter(task = 'test'): ImportWriter {
  const connection = mongoose.connection;
  const jobs = new JobQueue(connection, createLogger({ logLevel: 'silent' }), { pollIntervalMs: 1000, maxConcurrency: 1 });
  return { recordChange: createRecordChange({ connection, clock: systemClock, jobs }), actor: systemActor(task) };
}
