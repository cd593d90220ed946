import { dispatch } from './commands/dispatch';
import type { EngineState } from './commands/types';
import { openDirectoryPersistence } from './persistence/directory';
import { ClusterClock } from './replica/cluster-clock';
import { advertisedHost, ReplicaIdentity } from './replica/identity';
import { CursorRegistry } from './sessions/cursors';
import { SessionRegistry } from './sessions/sessions';
import { openStorage } from './storage/open';
import { startWireServer } from './wire/server';

export interface EngineOptions {
  /** Directory holding the data; absent: in memory only. */
  dataDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  logger?: (line: string) => void;
  /** How long an idle cursor lives; MongoDB's default is 10 minutes. */
  cursorTimeoutMs?: number;
  /** How long an idle logical session lives; MongoDB's default is 30 minutes. */
  sessionTimeoutMs?: number;
  /** The replica set the engine presents itself as the only member of; `rs0` by default. */
  replicaSetName?: string;
}

export interface RunningEngine {
  /** `mongodb://host:port/?replicaSet=<name>`: the driver discovers the one-member replica set. */
  uri: string;
  /** The same server with `directConnection=true`, which also works. */
  directUri: string;
  replicaSetName: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a MongoDB-compatible server on 127.0.0.1 backed by the embedded storage engine. */
export async function startEngine(options: EngineOptions = {}): Promise<RunningEngine> {
  const log = options.logger ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  const persistence = options.dataDir
    ? await openDirectoryPersistence(options.dataDir, {
        onWarning: (message) => log(`persistence: ${message}`),
      })
    : undefined;
  const storage = await openStorage({ persistence }).catch(async (error: unknown) => {
    await persistence?.close();
    throw error;
  });
  const cursors = new CursorRegistry(options.cursorTimeoutMs ?? 10 * 60_000);
  const sessions = new SessionRegistry(options.sessionTimeoutMs ?? 30 * 60_000, (session) =>
    cursors.killForSession(session.key),
  );
  const replica = new ReplicaIdentity(options.replicaSetName ?? 'rs0');
  const clock = new ClusterClock();
  const state: EngineState = { storage, sessions, cursors, log, startedAt: Date.now(), replica, clock };
  let server;
  try {
    server = await startWireServer({
      host,
      port: options.port ?? 0,
      log,
      handle: (body, connection) => dispatch(state, body, connection),
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const wire = server;
  replica.me = advertisedHost(host, wire.port);
  log(
    `engine listening on ${host}:${wire.port}${options.dataDir ? ` (data in ${options.dataDir})` : ' (in memory)'}`,
  );
  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://${replica.me}/?replicaSet=${encodeURIComponent(replica.setName)}`,
    directUri: `mongodb://${replica.me}/?directConnection=true`,
    replicaSetName: replica.setName,
    port: wire.port,
    stop() {
      stopping ??= (async () => {
        await wire.close();
        sessions.close();
        cursors.close();
        await storage.close();
        log('engine stopped');
      })();
      return stopping;
    },
  };
}
