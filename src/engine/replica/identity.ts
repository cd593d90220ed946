import { Long, ObjectId, type Document } from 'bson';

/** The highest election id MongoDB hands out to its first term; drivers compare it with setVersion. */
const FIRST_ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * How the engine presents itself: the primary of a one-member replica set. Drivers then open sessions,
 * allow transactions and track cluster time exactly as against MongoDB, and `?replicaSet=<setName>` URIs
 * work as well as `directConnection=true`.
 */
export class ReplicaIdentity {
  /** "host:port" as clients must dial it; set once the listener knows its port. */
  me = '';
  readonly electionId = FIRST_ELECTION_ID;
  readonly setVersion = 1;
  readonly topologyVersion = { processId: new ObjectId(), counter: Long.fromInt(0) };

  constructor(readonly setName: string) {}

  /** The replica-set fields of a hello reply. */
  helloFields(): Document {
    return {
      setName: this.setName,
      setVersion: this.setVersion,
      hosts: [this.me],
      primary: this.me,
      me: this.me,
      electionId: this.electionId,
      secondary: false,
      topologyVersion: this.topologyVersion,
    };
  }
}

/** The address clients reach a listener on: a wildcard listener is reached through loopback. */
export function advertisedHost(listenHost: string, port: number): string {
  const host =
    listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '' ? '127.0.0.1' : listenHost;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
