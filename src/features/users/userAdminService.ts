import { Types, type ClientSession } from 'mongoose';
import type { Actor, Role } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { User } from '../../models/user';
import { policies } from '../../policies/policies';
import type { UserSessions } from '../accounts/userSessions';

/** Why a change to a user was refused; each reason has its own message on the page. */
export type RefusalReason = 'self' | 'last-admin' | 'member-needs-organisation' | 'not-allowed';

export class UserChangeRefused extends Error {
  override name = 'UserChangeRefused';
  constructor(readonly reason: RefusalReason) {
    super(`User change refused: ${reason}`);
  }
}

const NO_TWO_FACTOR = { secret: null, enabled: false, recoveryCodes: [], lastUsedStep: null };

/**
 * Runs after a change that may remove an admin, inside its transaction. Touching every remaining admin
 * makes two concurrent removals of the last two admins write the same documents, so one of them conflicts,
 * is retried, and then finds no admin left and is refused.
 */
async function keepOneAdmin(session: ClientSession, now: Date): Promise<void> {
  const remaining = await User.updateMany({ role: 'admin', disabled: false }, { $set: { updatedAt: now } }, { session });
  if (remaining.matchedCount === 0) throw new UserChangeRefused('last-admin');
}

/** The secretariat's changes to accounts: disable and re-enable, reset two-factor, change a role. */
export function createUserAdminService(deps: { recordChange: RecordChange; userSessions: UserSessions }) {
  const { recordChange, userSessions } = deps;

  async function findUser(userId: string) {
    if (!Types.ObjectId.isValid(userId)) return null;
    return User.findById(userId).lean();
  }

  return {
    /** One user as the secretariat sees it, with the organisation's name and slug. */
    async load(userId: string) {
      if (!Types.ObjectId.isValid(userId)) return null;
      return User.findById(userId)
        .select('email name role organisation language disabled passwordHash lastSignInAt twoFactor.enabled createdAt')
        .populate<{ organisation: { name: string; slug: string } | null }>('organisation', { name: 1, slug: 1 })
        .lean();
    },

    /** Disabling ends every session of the user at once; a staff member cannot disable themselves or the last admin. */
    async setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<boolean> {
      if (disabled && actor.userId === userId) throw new UserChangeRefused('self');
      const user = await findUser(userId);
      if (!user) return false;
      return recordChange(actor, disabled ? 'user.disabled' : 'user.enabled', async ({ session, now }) => {
        const updated = await User.updateOne({ _id: user._id, disabled: !disabled }, { $set: { disabled } }, { session });
        if (updated.modifiedCount !== 1) return { unchanged: true, result: false };
        if (disabled) {
          await userSessions.endAll(String(user._id), { session });
          if (user.role === 'admin') await keepOneAdmin(session, now);
        }
        return {
          subject: { kind: 'user', id: String(user._id) },
          organisation: user.organisation,
          before: { email: user.email, disabled: !disabled },
          after: { email: user.email, disabled },
          result: true,
        };
      });
    },

    /** Clears the user's authenticator and recovery codes and ends their sessions: they must enrol again. */
    async resetTwoFactor(actor: Actor, userId: string): Promise<boolean> {
      const user = await findUser(userId);
      if (!user) return false;
      return recordChange(actor, 'user.two-factor-reset', async ({ session }) => {
        const updated = await User.updateOne({ _id: user._id, 'twoFactor.enabled': true }, { $set: { twoFactor: NO_TWO_FACTOR } }, { session });
        if (updated.modifiedCount !== 1) return { unchanged: true, result: false };
        await userSessions.endAll(String(user._id), { session });
        return {
          subject: { kind: 'user', id: String(user._id) },
          organisation: user.organisation,
          before: { email: user.email, twoFactor: true },
          after: { email: user.email, twoFactor: false },
          result: true,
        };
      });
    },

    /** Admins only, never their own role; a member must belong to an organisation; one admin always remains. */
    async changeRole(actor: Actor, userId: string, role: Role): Promise<boolean> {
      if (!policies.canChangeRole(actor, { id: userId })) throw new UserChangeRefused(actor.userId === userId ? 'self' : 'not-allowed');
      const user = await findUser(userId);
      if (!user) return false;
      if (role === 'member' && !user.organisation) throw new UserChangeRefused('member-needs-organisation');
      return recordChange(actor, 'user.role-changed', async ({ session, now }) => {
        const updated = await User.updateOne({ _id: user._id, role: user.role }, { $set: { role } }, { session, runValidators: true });
        if (updated.modifiedCount !== 1) return { unchanged: true, result: false };
        if (user.role === 'admin') await keepOneAdmin(session, now);
        return {
          subject: { kind: 'user', id: String(user._id) },
          organisation: user.organisation,
          before: { email: user.email, role: user.role },
          after: { email: user.email, role },
          result: true,
        };
      });
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
