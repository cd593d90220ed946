import type { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { AuditAction } from '../../audit/actions';
import type { ChangeTransaction, RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import type { Language } from '../../middleware/i18n';
import { normaliseEmail, User } from '../../models/user';
import { hashPassword, passwordProblem, verifyPassword, type PasswordHashing, type PasswordProblem } from './passwords';
import { consumeToken, findUsableToken, issueToken, TokenAlreadyUsedError } from './tokens';
import { toSessionUser } from './accountService';
import type { UserSessions } from './userSessions';

export type PasswordChangeResult =
  | { ok: true; user: Express.User }
  | { ok: false; field: 'password'; problem: PasswordProblem }
  | { ok: false; field: 'currentPassword'; problem: 'wrong' }
  | { ok: false; field: 'link'; problem: 'unusable' };

const unusableLink = { ok: false, field: 'link', problem: 'unusable' } as const;
const formatTime = (date: Date) => `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export interface PasswordServiceDeps {
  recordChange: RecordChange;
  clock: Clock;
  linkTo: (path: string) => string;
  userSessions: UserSessions;
  passwordHashing: PasswordHashing;
}

/** Password reset by e-mail, invitations accepted, and passwords changed by their owner. */
export function createPasswordService(deps: PasswordServiceDeps) {
  const { recordChange, clock, linkTo, userSessions, passwordHashing } = deps;

  /** Sets a new password in a change, ends the user's other sessions and tells them by e-mail. */
  async function setPassword(
    tx: ChangeTransaction,
    userId: Types.ObjectId,
    password: string,
    options: { keepSession?: string | null; notify: boolean },
  ) {
    const passwordHash = await hashPassword(password, passwordHashing);
    const user = await User.findOneAndUpdate(
      { _id: userId },
      { $set: { passwordHash, mustChangePassword: false, failedSignIns: [], lockedUntil: null } },
      { session: tx.session, returnDocument: 'after' },
    ).lean();
    if (!user) throw new Error('The user disappeared during the change');
    await userSessions.endAll(String(userId), { except: options.keepSession, session: tx.session });
    if (options.notify) {
      tx.enqueue('mail.send', {
        to: user.email,
        language: user.language,
        template: 'password-changed',
        params: { at: formatTime(tx.now) },
      });
    }
    return user;
  }

  /** Spends a reset or invitation link on a new password; one change, one audit event. */
  async function spendLink(actor: Actor, purpose: 'reset' | 'invitation', value: string, password: string) {
    const token = await findUsableToken(purpose, value, clock.now());
    if (!token) return unusableLink;
    const owner = await User.findById(token.subject).lean();
    if (!owner || owner.disabled) return unusableLink;
    const problem = passwordProblem(password, owner.email);
    if (problem) return { ok: false, field: 'password', problem } as const;
    const action: AuditAction = purpose === 'reset' ? 'user.password-reset' : 'user.invitation-accepted';
    try {
      return await recordChange(actor, action, async (tx) => {
        await consumeToken(tx, token._id);
        const user = await setPassword(tx, owner._id, password, { notify: purpose === 'reset' });
        return {
          subject: { kind: 'user', id: String(owner._id) },
          organisation: owner.organisation,
          result: { ok: true, user: toSessionUser(user) } as PasswordChangeResult,
        };
      });
    } catch (error) {
      if (error instanceof TokenAlreadyUsedError) return unusableLink;
      throw error;
    }
  }

  return {
    /** Sends a reset link if the address belongs to an active account; the caller answers the same either way. */
    async requestReset(actor: Actor, emailInput: string, language: Language): Promise<void> {
      const user = await User.findOne({ email: { $eq: normaliseEmail(emailInput) } }).lean();
      if (!user || user.disabled) return;
      await recordChange(actor, 'user.password-reset-requested', async (tx) => {
        const token = await issueToken(tx, 'reset', user._id);
        tx.enqueue('mail.send', {
          to: user.email,
          language: user.language ?? language,
          template: 'password-reset',
          params: {},
          link: linkTo(`/account/reset-password/${token}`),
        });
        return { subject: { kind: 'user', id: String(user._id) }, organisation: user.organisation, result: undefined };
      });
    },

    /** Whether a link can still be used, for the page that asks for the new password. */
    async linkIsUsable(purpose: 'reset' | 'invitation', value: string): Promise<{ email: string } | null> {
      const token = await findUsableToken(purpose, value, clock.now());
      const user = token ? await User.findById(token.subject).lean() : null;
      return user && !user.disabled ? { email: user.email } : null;
    },

    resetPassword: (actor: Actor, token: string, password: string) => spendLink(actor, 'reset', token, password),
    acceptInvitation: (actor: Actor, token: string, password: string) => spendLink(actor, 'invitation', token, password),

    /** The signed-in user's own change: the current password first; other sessions end. */
    async changePassword(
      actor: Actor,
      input: { currentPassword: string; password: string; currentSessionId: string | null },
    ): Promise<PasswordChangeResult> {
      const owner = actor.userId ? await User.findById(actor.userId).lean() : null;
      if (!owner?.passwordHash || !(await verifyPassword(owner.passwordHash, input.currentPassword)))
        return { ok: false, field: 'currentPassword', problem: 'wrong' };
      const problem = passwordProblem(input.password, owner.email);
      if (problem) return { ok: false, field: 'password', problem };
      if (await verifyPassword(owner.passwordHash, input.password)) return { ok: false, field: 'password', problem: 'same' };
      return recordChange(actor, 'user.password-changed', async (tx) => {
        const user = await setPassword(tx, owner._id, input.password, { keepSession: input.currentSessionId, notify: true });
        return {
          subject: { kind: 'user', id: String(owner._id) },
          organisation: owner.organisation,
          result: { ok: true, user: toSessionUser(user) } as PasswordChangeResult,
        };
      });
    },
  };
}

export type PasswordService = ReturnType<typeof createPasswordService>;
