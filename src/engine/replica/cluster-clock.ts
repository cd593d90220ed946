import { Binary, Long, Timestamp, type Document } from 'bson';

const UNSIGNED = new Binary(Buffer.alloc(20), 0);
/** As many times as the storage keeps states for snapshot reads. */
const HISTORY = 256;

function compareTimestamps(a: Timestamp, b: Timestamp): number {
  return a.compare(b);
}

/**
 * The replica set's logical clock. Each committed state (storage commit sequence number) gets one cluster
 * time the first time it is observed, so times only grow and a time names one committed state, which is
 * what afterClusterTime and atClusterTime refer to.
 */
export class ClusterClock {
  private seq = -1;
  private current: Timestamp;
  private readonly history: { time: Timestamp; seq: number }[] = [];

  constructor(private readonly wallSeconds: () => number = () => Math.floor(Date.now() / 1000)) {
    this.current = new Timestamp({ t: this.wallSeconds(), i: 0 });
  }

  /** The cluster time of the committed state numbered `seq` (the latest one observed so far). */
  observe(seq: number): Timestamp {
    if (seq > this.seq) {
      this.seq = seq;
      const now = this.wallSeconds();
      const t = Math.max(now, this.current.high);
      const i = t === this.current.high ? this.current.low + 1 : 1;
      this.current = new Timestamp({ t, i });
      this.history.push({ time: this.current, seq });
      if (this.history.length > HISTORY) this.history.shift();
    }
    return this.current;
  }

  /** The committed state a cluster time names, if it is recent enough to be remembered. */
  seqAt(time: Timestamp): number | undefined {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const entry = this.history[i];
      if (entry && compareTimestamps(entry.time, time) <= 0) return entry.seq;
    }
    return undefined;
  }

  get latest(): Timestamp {
    return this.current;
  }

  isAfterLatest(time: Timestamp): boolean {
    return compareTimestamps(time, this.current) > 0;
  }

  /** The `$clusterTime` document every reply carries (unsigned: the engine has no authentication). */
  gossip(time: Timestamp): Document {
    return { clusterTime: time, signature: { hash: UNSIGNED, keyId: Long.fromInt(0) } };
  }
}
