import type { ClientSession, Connection } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { sessionCollectionName } from '../../middleware/session';

/**
 * The signed-in sessions of one user, found in the session store by the user id Passport keeps in each
 * (sessions are stored as documents, not strings, for this). Used by "sign out everywhere" and after a
 * password is changed or reset.
 */
export function createUserSessions(connection: Connection, recordChange: RecordChange) {
  const collection = () => connection.collection(sessionCollectionName);
  let indexed: Promise<unknown> | null = null;
  const ensureIndex = () => (indexed ??= collection().createIndex({ 'session.passport.user': 1 }).catch(() => (indexed = null)));

  async function endAll(userId: string, options: { except?: string | null; session?: ClientSession } = {}) {
    await ensureIndex();
    const filter = {
      'session.passport.user': { $eq: userId },
      ...(options.except ? { _id: { $ne: options.except } } : {}),
    };
    const result = await collection().deleteMany(filter as Record<string, unknown>, { session: options.session });
    return result.deletedCount;
  }

  return {
    /** Deletes the user's sessions, except the one given (the session making the change keeps going). */
    endAll,

    /** "Sign out everywhere": every session of the acting user ends, this one included. */
    async signOutEverywhere(actor: Actor): Promise<number> {
      const userId = actor.userId;
      if (!userId) return 0;
      return recordChange(actor, 'user.signed-out-everywhere', async ({ session }) => {
        const ended = await endAll(userId, { session });
        return { subject: { kind: 'user', id: userId }, organisation: actor.organisationId, after: { sessionsEnded: ended }, result: ended };
      });
    },

    async count(userId: string): Promise<number> {
      return collection().countDocuments({ 'session.passport.user': { $eq: userId } });
    },
  };
}

export type UserSessions = ReturnType<typeof createUserSessions>;
