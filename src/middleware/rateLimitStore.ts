import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Collection, Connection } from 'mongoose';

interface HitCounter {
  _id: string;
  hits: number;
  resetAt: Date;
}

const duplicateKey = 11000;
const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === duplicateKey;

/**
 * Fixed-window hit counters in a MongoDB collection, so every app server counts against the same limit.
 * Expired windows are removed by a TTL index.
 */
export class MongoRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private readonly collection: Collection<HitCounter>;

  constructor(connection: Connection, prefix: string, collectionName = 'rate_limits') {
    this.prefix = prefix;
    this.collection = connection.collection<HitCounter>(collectionName) as unknown as Collection<HitCounter>;
  }

  async init(options: Options): Promise<void> {
    this.windowMs = options.windowMs;
    await this.collection.createIndex({ resetAt: 1 }, { expireAfterSeconds: 0 });
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const counter = await this.collection.findOne({ _id: this.id(key), resetAt: { $gt: new Date() } });
    return counter ? { totalHits: counter.hits, resetTime: counter.resetAt } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = new Date();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const counter = await this.collection.findOneAndUpdate(
          { _id: this.id(key), resetAt: { $gt: now } },
          { $inc: { hits: 1 }, $setOnInsert: { resetAt: new Date(now.getTime() + this.windowMs) } },
          { upsert: true, returnDocument: 'after' },
        );
        if (counter) return { totalHits: counter.hits, resetTime: counter.resetAt };
      } catch (error) {
        // The window expired but the TTL sweep has not removed it yet: drop it and count afresh.
        if (!isDuplicateKey(error)) throw error;
        await this.collection.deleteOne({ _id: this.id(key), resetAt: { $lte: now } });
      }
    }
    throw new Error(`Could not count a hit for rate-limit key ${key}`);
  }

  async decrement(key: string): Promise<void> {
    await this.collection.updateOne({ _id: this.id(key), hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.collection.deleteOne({ _id: this.id(key) });
  }

  private id(key: string): string {
    return `${this.prefix}${key}`;
  }
}
