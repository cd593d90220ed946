import type { MailMessageRequest } from '../mail/messages';

/**
 * Every task a job can run, with the plain data its job carries. Job data is stored in MongoDB until the
 * job completes, so it holds identifiers and parameters, never whole documents.
 */
export interface TaskPayloads {
  'mail.send': MailMessageRequest;
  'evidence.check': { evidenceId: string };
  'evidence.sweep': Record<string, never>;
  /** Checks one of the registry's own measurements (a website or mail domain of an organisation). */
  'evidence.measure': { measuredId: string };
  /** Runs an uploaded CSV: its dry run, or, once a secretariat member applied it, the import itself. */
  'import.run': { importRunId: string };
}

export type TaskName = keyof TaskPayloads;

export interface TaskOptions {
  /** Retries after the first failure, with exponential backoff from `retryDelayMs`. */
  maxRetries: number;
  retryDelayMs: number;
  /** How many of this task one worker runs at once. */
  concurrency: number;
  /** A worker that dies mid-job loses its lock after this long; another worker then runs the job. */
  lockLifetimeMs: number;
}

export const defaultTaskOptions: TaskOptions = {
  maxRetries: 5,
  retryDelayMs: 2_000,
  concurrency: 5,
  lockLifetimeMs: 60_000,
};

export type TaskHandler<K extends TaskName> = (data: TaskPayloads[K]) => Promise<void>;
