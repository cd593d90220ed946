import type { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { User } from '../../models/user';

export const LOCK_AFTER_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: Express.User; twoFactorRequired: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

export const lockedUntil = (user: { lockedUntil?: Date | null }, now: Date): Date | null =>
  user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;

/**
 * Counts one failed sign-in step (a wrong password or a wrong two-factor code): ten within 15 minutes lock
 * the account for 15 minutes and tell its owner by e-mail.
 */
export async function recordSignInFailure(
  recordChange: RecordChange,
  actor: Actor,
  userId: Types.ObjectId,
): Promise<SignInResult> {
  return recordChange(actor, 'user.sign-in-failed', async (tx) => {
    const user = await User.findById(userId, null, { session: tx.session }).lean();
    if (!user) return { unchanged: true, result: { ok: false, reason: 'invalid' } as SignInResult };
    const windowStart = tx.now.getTime() - FAILURE_WINDOW_MS;
    const failures = [...user.failedSignIns.filter((at) => at.getTime() > windowStart), tx.now].slice(
      -LOCK_AFTER_FAILURES,
    );
    const until = failures.length >= LOCK_AFTER_FAILURES ? new Date(tx.now.getTime() + LOCK_DURATION_MS) : null;
    await User.updateOne(
      { _id: user._id },
      { $set: until ? { failedSignIns: [], lockedUntil: until } : { failedSignIns: failures } },
      { session: tx.session },
    );
    if (until) {
      tx.enqueue('mail.send', {
        to: user.email,
        language: user.language,
        template: 'account-locked',
        params: { until: `${until.toISOString().replace('T', ' ').slice(0, 16)} UTC` },
      });
    }
    const result: SignInResult = until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'invalid' };
    return {
      subject: { kind: 'user', id: String(user._id) },
      after: { failures: failures.length, locked: Boolean(until) },
      result,
    };
  });
}
