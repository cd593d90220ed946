import {
  MongoClient,
  type ClientSession,
  type Collection,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  type Document,
} from 'mongodb';
import { toPlain } from './plain';

export type CommandEvent = CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent;

export interface ClientEntity {
  client: MongoClient;
  /**
   * Observed events, each with a copy of its command and reply taken when it was emitted: the driver may
   * change a shared object afterwards (it adds afterClusterTime to the client's readConcern in place).
   */
  events: { kind: string; event: CommandEvent; command?: unknown; reply?: unknown }[];
  /** Every command started, observed or not, for the lsid assertions. */
  started: CommandStartedEvent[];
}

/** Commands the format says runners never report, unless a test asks for sensitive ones. */
const SENSITIVE = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'saslStart',
  'saslContinue',
  'getnonce',
  'authenticate',
  'createUser',
  'updateUser',
  'copydbgetnonce',
  'copydbsaslstart',
  'copydb',
]);

const EVENT_NAMES = {
  commandStartedEvent: 'commandStarted',
  commandSucceededEvent: 'commandSucceeded',
  commandFailedEvent: 'commandFailed',
} as const;

function uriWith(base: string, options: Document | undefined): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(options ?? {})) {
    url.searchParams.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return url.toString();
}

/** The entity map of one test: clients, databases, collections, sessions and saved results. */
export class Entities {
  private readonly map = new Map<string, unknown>();

  constructor(
    private readonly uri: string,
    /** The runner's own client, for initial data, outcomes and assertions about the server. */
    readonly internal: MongoClient,
  ) {}

  get(name: string): unknown {
    if (!this.map.has(name)) throw new Error(`no entity ${name}`);
    return this.map.get(name);
  }

  set(name: string, value: unknown): void {
    if (this.map.has(name)) throw new Error(`entity ${name} already exists`);
    this.map.set(name, value);
  }

  client(name: string): ClientEntity {
    return this.get(name) as ClientEntity;
  }

  session(name: string): ClientSession {
    return this.get(name) as ClientSession;
  }

  async create(specs: Document[]): Promise<void> {
    for (const spec of specs) {
      const [kind, body] = Object.entries(spec)[0] as [string, Document];
      if (kind === 'client') this.createClient(body);
      else if (kind === 'database') {
        const { client } = this.client(body.client as string);
        this.set(body.id as string, client.db(body.databaseName as string, body.databaseOptions as never));
      } else if (kind === 'collection') {
        const db = this.get(body.database as string) as Db;
        this.set(
          body.id as string,
          db.collection(body.collectionName as string, body.collectionOptions as never),
        );
      } else if (kind === 'session') {
        const { client } = this.client(body.client as string);
        const { snapshotTime, ...options } = { ...(body.sessionOptions as Document | undefined) };
        const session = client.startSession(options);
        // The format's snapshotTime session option: this driver has no such option, but reads at the time a
        // snapshot session holds, so the runner gives the session that time.
        if (snapshotTime !== undefined)
          Object.assign(session, { snapshotTime: this.get(snapshotTime as string) });
        this.set(body.id as string, session);
        this.map.set(`${String(body.id)}#lsid`, session.id);
      } else throw new Error(`unsupported entity ${kind}`);
    }
  }

  private createClient(body: Document): void {
    const observe = new Set<string>(
      ((body.observeEvents as string[] | undefined) ?? []).map(
        (name) => EVENT_NAMES[name as keyof typeof EVENT_NAMES],
      ),
    );
    const ignore = new Set<string>((body.ignoreCommandMonitoringEvents as string[] | undefined) ?? []);
    const sensitive = body.observeSensitiveCommands === true;
    const client = new MongoClient(uriWith(this.uri, body.uriOptions as Document | undefined), {
      monitorCommands: true,
      serverSelectionTimeoutMS: 5000,
      ...(body.serverApi ? { serverApi: body.serverApi as never } : {}),
    });
    const entity: ClientEntity = { client, events: [], started: [] };
    const record = (kind: string) => (event: CommandEvent) => {
      if (kind === 'commandStarted') entity.started.push(event as CommandStartedEvent);
      if (!observe.has(kind) || ignore.has(event.commandName)) return;
      if (!sensitive && SENSITIVE.has(event.commandName)) return;
      if (event.commandName === 'configureFailPoint') return;
      const { command, reply } = event as Partial<CommandStartedEvent & CommandSucceededEvent>;
      entity.events.push({ kind, event, command: toPlain(command), reply: toPlain(reply) });
    };
    for (const kind of ['commandStarted', 'commandSucceeded', 'commandFailed'])
      client.on(kind as never, record(kind));
    // Connected by its first operation, as a client whose read preference no member can serve must be.
    this.set(body.id as string, entity);
  }

  collection(name: string): Collection {
    return this.get(name) as Collection;
  }

  async close(): Promise<void> {
    for (const value of this.map.values()) {
      if (value && typeof value === 'object' && 'endSession' in value) {
        await (value as ClientSession).endSession().catch(() => undefined);
      }
    }
    for (const value of this.map.values()) {
      if (value && typeof value === 'object' && 'client' in value && 'events' in value) {
        await (value as ClientEntity).client.close().catch(() => undefined);
      }
    }
  }
}
