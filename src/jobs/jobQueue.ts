import { setTimeout as delay } from 'node:timers/promises';
import type { Agenda } from 'agenda';
import type { ClientSession, Connection } from 'mongoose';
import { lazyModule } from '../lazyModule';
import type { Logger } from '../logger';
import { defaultTaskOptions, type TaskHandler, type TaskName, type TaskOptions, type TaskPayloads } from './tasks';

export const JOBS_COLLECTION = 'jobs';
const STOP_POLL_MS = 25;

// The scheduler loads when the queue starts (after the server's first answer), not with the web server.
const agendaModule = lazyModule<typeof import('agenda')>('agenda');
const mongoBackendModule = lazyModule<typeof import('@agendajs/mongo-backend')>('@agendajs/mongo-backend');

export interface JobQueueOptions {
  /** How often an idle worker looks for due jobs. */
  pollIntervalMs: number;
  maxConcurrency: number;
  /** When set, every task's lock lifetime (JOBS_LOCK_LIFETIME_MS); otherwise each task's own. */
  lockLifetimeMs?: number | undefined;
}

export interface JobRequest<K extends TaskName = TaskName> {
  task: K;
  data: TaskPayloads[K];
  runAt?: Date;
}

/**
 * Jobs are documents in agenda's collection on the app's own connection, so any number of workers can
 * run them. The audited write helper inserts them inside the change's transaction (see `insertJobs`):
 * a job exists exactly when its change committed.
 */
export class JobQueue {
  private agenda: Agenda | null = null;
  private starting: Promise<void> | undefined;
  /** How many jobs this worker has started whose outcome agenda has not yet saved ('start' to 'complete'). */
  private started = 0;
  private readonly handlers = new Map<TaskName, { handler: TaskHandler<TaskName>; options: TaskOptions }>();

  constructor(
    readonly connection: Connection,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions,
  ) {}

  define<K extends TaskName>(task: K, handler: TaskHandler<K>, options: Partial<TaskOptions> = {}): void {
    this.handlers.set(task, {
      handler: handler as TaskHandler<TaskName>,
      options: { ...defaultTaskOptions, ...options },
    });
  }

  /** Inserts jobs with the session of a transaction; they run once it commits. */
  async insertJobs(requests: readonly JobRequest[], session: ClientSession, now: Date): Promise<void> {
    if (requests.length === 0) return;
    const documents = requests.map((request) => jobDocument(request, now));
    await this.collection().insertMany(documents, { session });
  }

  /** For work not tied to a change (a worker scheduling re-checks, say). */
  async enqueue(request: JobRequest, now = new Date()): Promise<void> {
    await this.collection().insertOne(jobDocument(request, now));
  }

  async start(): Promise<void> {
    if (this.agenda) return;
    const db = this.connection.db;
    if (!db) throw new Error('The job queue needs a connected database');
    const { Agenda, backoffStrategies } = agendaModule();
    const { MongoBackend } = mongoBackendModule();
    const agenda = new Agenda({
      backend: new MongoBackend({ mongo: db, collection: JOBS_COLLECTION }),
      processEvery: this.options.pollIntervalMs,
      maxConcurrency: this.options.maxConcurrency,
    });
    for (const [task, { handler, options }] of this.handlers) {
      agenda.define(task, (job) => handler(job.attrs.data as TaskPayloads[TaskName]), {
        concurrency: options.concurrency,
        lockLifetime: this.options.lockLifetimeMs ?? options.lockLifetimeMs,
        removeOnComplete: true,
        backoff: backoffStrategies.exponential({
          delay: options.retryDelayMs,
          maxRetries: options.maxRetries,
        }),
      });
    }
    agenda.on('fail', (error: Error, job) =>
      this.logger.warn({ err: error, task: job.attrs.name, failCount: job.attrs.failCount }, 'job failed'),
    );
    agenda.on('error', (error: Error) => {
      // A query already under way when the queue stopped fails as the connection closes: expected then.
      if (this.agenda === agenda) this.logger.error({ err: error }, 'job queue error');
      else this.logger.info({ err: error }, 'job queue query cut short by the stop');
    });
    agenda.on('start', () => (this.started += 1));
    agenda.on('complete', () => (this.started -= 1));
    // Set before starting, so a stop that comes while agenda starts waits for it and then stops it.
    this.agenda = agenda;
    this.starting = agenda.start();
    try {
      await this.starting;
    } catch (error) {
      // A queue that failed to start is not running: a later start may try again.
      if (this.agenda === agenda) this.agenda = null;
      throw error;
    }
  }

  /**
   * Stops taking jobs, then waits (up to the timeout) for the running ones to finish and their outcome to
   * be saved. Stopping first matters: a job already fetched and locked but not started is released for
   * another worker instead of starting while this one waits, only to lose its connection at shutdown.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    const agenda = this.agenda;
    this.agenda = null;
    if (!agenda) return;
    await this.starting?.catch(() => undefined);
    await agenda.stop(false);
    const giveUpAt = Date.now() + timeoutMs;
    while (this.started > 0 && Date.now() < giveUpAt) {
      await delay(STOP_POLL_MS);
    }
  }

  get running(): boolean {
    return this.agenda !== null;
  }

  private collection() {
    return this.connection.collection(JOBS_COLLECTION);
  }
}

/** The document agenda itself would write for a one-off job due at `runAt`. */
function jobDocument(request: JobRequest, now: Date) {
  return {
    name: request.task,
    data: request.data,
    type: 'normal',
    priority: 0,
    nextRunAt: request.runAt ?? now,
    lockedAt: null,
    lastRunAt: null,
    lastFinishedAt: null,
    failedAt: null,
    failCount: null,
    failReason: null,
    disabled: null,
    lastModifiedBy: null,
  };
}
