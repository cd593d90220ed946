import MongoStore from 'connect-mongo';
import type { SessionData } from 'express-session';

/**
 * connect-mongo's store, saving a session with `$set` of every field but `_id`.
 * connect-mongo 6 also sets `_id` to its own value, which MongoDB accepts but the embedded engine
 * currently refuses (ImmutableField); drop this class once the engine accepts a no-op `_id` update.
 */
export class SessionStore extends MongoStore {
  private readonly ttlMs: number;

  constructor(options: ConstructorParameters<typeof MongoStore>[0]) {
    super(options);
    this.ttlMs = (options.ttl ?? 1_209_600) * 1000;
  }

  override set(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    const expires = session.cookie?.expires
      ? new Date(session.cookie.expires)
      : new Date(Date.now() + this.ttlMs);
    this.collectionP
      .then((collection) =>
        collection.updateOne(
          { _id: sid },
          { $set: { session: JSON.stringify(session), expires, lastModified: new Date() } },
          { upsert: true },
        ),
      )
      .then(
        () => callback?.(),
        (error: unknown) => callback?.(error),
      );
  }
}
