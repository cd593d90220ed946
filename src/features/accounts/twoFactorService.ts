import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import { User } from '../../models/user';
import { policies } from '../../policies/policies';
import { toSessionUser } from './accountService';
import { verifyPassword } from './passwords';
import { lockedUntil, recordSignInFailure } from './signInFailures';
import { acceptedTotpStep, matchingRecoveryHash, newRecoveryCodes, normaliseCode } from './twoFactor';

export type SecondFactorResult =
  | { ok: true; user: Express.User; usedRecoveryCode: boolean; recoveryCodesLeft: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

type EnableResult = { ok: true; recoveryCodes: string[] } | { ok: false };

/** Two-factor enrolment, turning it off, and the second step of signing in. */
export function createTwoFactorService(deps: { recordChange: RecordChange; clock: Clock }) {
  const { recordChange, clock } = deps;

  return {
    async status(userId: string): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
      const user = await User.findById(userId).select('twoFactor.enabled twoFactor.recoveryCodes').lean();
      return { enabled: Boolean(user?.twoFactor?.enabled), recoveryCodesLeft: user?.twoFactor?.recoveryCodes?.length ?? 0 };
    },

    /** Turns two-factor on once a code from the new secret checks out; returns the recovery codes to show once. */
    async enable(actor: Actor, secret: string, codeInput: string): Promise<EnableResult> {
      const owner = actor.userId ? await User.findById(actor.userId).lean() : null;
      if (!owner || owner.twoFactor.enabled) return { ok: false };
      const step = await acceptedTotpStep(secret, normaliseCode(codeInput), clock.now(), null);
      if (step === null) return { ok: false };
      const { codes, hashes } = await newRecoveryCodes();
      return recordChange<EnableResult>(actor, 'user.two-factor-enabled', async ({ session }) => {
        const updated = await User.updateOne(
          { _id: owner._id, 'twoFactor.enabled': false },
          { $set: { twoFactor: { secret, enabled: true, recoveryCodes: hashes, lastUsedStep: step } } },
          { session },
        );
        if (updated.modifiedCount !== 1) return { unchanged: true, result: { ok: false } };
        return {
          subject: { kind: 'user', id: String(owner._id) },
          organisation: owner.organisation,
          after: { enabled: true, recoveryCodes: codes.length },
          result: { ok: true, recoveryCodes: codes },
        };
      });
    },

    /** Refused for the roles that must use it, and without the current password. */
    async disable(actor: Actor, password: string): Promise<'disabled' | 'required' | 'wrong-password'> {
      if (policies.mustUseTwoFactor(actor)) return 'required';
      const owner = actor.userId ? await User.findById(actor.userId).lean() : null;
      if (!owner?.passwordHash || !(await verifyPassword(owner.passwordHash, password))) return 'wrong-password';
      return recordChange(actor, 'user.two-factor-disabled', async ({ session }) => {
        await User.updateOne(
          { _id: owner._id },
          { $set: { twoFactor: { secret: null, enabled: false, recoveryCodes: [], lastUsedStep: null } } },
          { session },
        );
        return { subject: { kind: 'user', id: String(owner._id) }, organisation: owner.organisation, before: { enabled: true }, after: { enabled: false }, result: 'disabled' as const };
      });
    },

    /**
     * The second sign-in step: a code from the app (never the same time step twice) or an unused recovery
     * code (spent). A wrong code counts toward the lock-out like a wrong password.
     */
    async verifySignIn(actor: Actor, userId: string, codeInput: string): Promise<SecondFactorResult> {
      const owner = await User.findById(userId).lean();
      if (!owner || owner.disabled || !owner.twoFactor.enabled || !owner.twoFactor.secret) return { ok: false, reason: 'invalid' };
      const now = clock.now();
      const until = lockedUntil(owner, now);
      if (until) return { ok: false, reason: 'locked', until };
      const code = normaliseCode(codeInput);
      const step = await acceptedTotpStep(owner.twoFactor.secret, code, now, owner.twoFactor.lastUsedStep);
      const recoveryHash = step === null ? await matchingRecoveryHash(owner.twoFactor.recoveryCodes, code) : null;
      if (step === null && recoveryHash === null) {
        const failure = await recordSignInFailure(recordChange, actor, owner._id);
        return failure.ok ? { ok: false, reason: 'invalid' } : failure;
      }
      const signedIn = { ...actor, userId: String(owner._id), label: owner.email, role: owner.role, organisationId: owner.organisation ? String(owner.organisation) : null };
      return recordChange(signedIn, recoveryHash ? 'user.recovery-code-used' : 'user.signed-in', async ({ session, now: at }) => {
        // The condition makes a replayed step, or a recovery code spent by a concurrent request, change nothing.
        const filter = recoveryHash
          ? { _id: owner._id, 'twoFactor.recoveryCodes': recoveryHash }
          : { _id: owner._id, 'twoFactor.lastUsedStep': { $not: { $gte: step } } };
        const update = recoveryHash
          ? { $pull: { 'twoFactor.recoveryCodes': recoveryHash }, $set: { lastSignInAt: at, failedSignIns: [], lockedUntil: null } }
          : { $set: { 'twoFactor.lastUsedStep': step, lastSignInAt: at, failedSignIns: [], lockedUntil: null } };
        const updated = await User.findOneAndUpdate(filter, update, { session, returnDocument: 'after' }).lean();
        if (!updated) return { unchanged: true, result: { ok: false, reason: 'invalid' } as SecondFactorResult };
        return {
          subject: { kind: 'user', id: String(owner._id) },
          organisation: owner.organisation,
          after: recoveryHash ? { recoveryCodesLeft: updated.twoFactor.recoveryCodes.length } : undefined,
          result: {
            ok: true,
            user: toSessionUser(updated),
            usedRecoveryCode: Boolean(recoveryHash),
            recoveryCodesLeft: updated.twoFactor.recoveryCodes.length,
          } as SecondFactorResult,
        };
      });
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
