import type { ClientSession, Connection, Types } from 'mongoose';
import type { Clock } from '../clock';
import type { JobQueue, JobRequest } from '../jobs/jobQueue';
import type { TaskName, TaskPayloads } from '../jobs/tasks';
import { AuditEvent } from '../models/auditEvent';
import { bumpRegistryVersion } from '../models/registryVersion';
import { isPublicAction, type AuditAction } from './actions';
import type { Actor } from './actor';

/** What a change function is given: the transaction's session, one time for the whole change, and a job outbox. */
export interface ChangeTransaction {
  readonly session: ClientSession;
  readonly now: Date;
  readonly actor: Actor;
  /** A job inserted in this transaction: it exists, and runs, only if the change commits. */
  enqueue<K extends TaskName>(task: K, data: TaskPayloads[K], runAt?: Date): void;
}

/** What one audit event says about its subject. */
export interface AuditDetails {
  subject: { kind: string; id: string };
  organisation?: Types.ObjectId | string | null;
  before?: unknown;
  after?: unknown;
}

/** A change of one subject, or (`events`) of many in one go, such as an import batch: one event each. */
export type AuditedChange<T> = (AuditDetails | { events: AuditDetails[] }) & { result: T };

/** Returned when the change turned out to change nothing: no audit event, no version bump, no jobs. */
export interface NoChange<T> {
  unchanged: true;
  result: T;
}

export type ChangeFunction<T> = (tx: ChangeTransaction) => Promise<AuditedChange<T> | NoChange<T>>;

export type RecordChange = <T>(actor: Actor, action: AuditAction, change: ChangeFunction<T>) => Promise<T>;

const isNoChange = <T>(outcome: AuditedChange<T> | NoChange<T>): outcome is NoChange<T> =>
  'unchanged' in outcome && outcome.unchanged === true;

/**
 * The one path every write takes. In one transaction: the change itself, its audit event, the registry
 * version bump (for changes the public can see) and the jobs to run after commit. This file is the only
 * writer of audit events, which is what makes the log append-only. Transient conflicts are retried whole.
 */
export function createRecordChange(deps: {
  connection: Connection;
  clock: Clock;
  jobs: JobQueue;
}): RecordChange {
  return async <T>(actor: Actor, action: AuditAction, change: ChangeFunction<T>): Promise<T> => {
    let outcome: AuditedChange<T> | NoChange<T> | undefined;
    await deps.connection.transaction(async (session) => {
      const now = deps.clock.now();
      const jobs: JobRequest[] = [];
      const tx: ChangeTransaction = {
        session,
        now,
        actor,
        enqueue: (task, data, runAt) => jobs.push({ task, data, runAt } as JobRequest),
      };
      const attempt = await change(tx);
      outcome = attempt;
      if (isNoChange(attempt)) return;
      const details = 'events' in attempt ? attempt.events : [attempt];
      const actorFields = {
        kind: actor.kind,
        userId: actor.userId,
        label: actor.label,
        role: actor.role,
        organisationId: actor.organisationId,
      };
      await AuditEvent.insertMany(
        details.map((item) => ({
          action,
          actor: actorFields,
          subject: item.subject,
          organisation: item.organisation ?? null,
          before: item.before ?? null,
          after: item.after ?? null,
          at: now,
          requestId: actor.requestId,
          ip: actor.ip,
        })),
        { session },
      );
      if (isPublicAction(action)) await bumpRegistryVersion(session);
      await deps.jobs.insertJobs(jobs, session, now);
    });
    if (!outcome) throw new Error('The change did not run');
    return outcome.result;
  };
}
