import { Types } from 'mongoose';
import type { Actor, Role } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import type { Language } from '../../middleware/i18n';
import { Organisation } from '../../models/organisation';
import { normaliseEmail, User } from '../../models/user';
import { hashPassword, verifyAgainstNothing, verifyPassword, type PasswordHashing } from './passwords';
import { recordSignInFailure } from './signInFailures';
import type { UserSessions } from './userSessions';
import { inviteWithin } from './invitations';

import type { SignInResult } from './signInFailures';
export type { SignInResult };

interface SessionUserSource {
  _id: Types.ObjectId;
  email: string;
  role: Role;
  organisation?: Types.ObjectId | null;
  twoFactor?: { enabled?: boolean | null } | null;
  mustChangePassword?: boolean | null;
}

export function toSessionUser(user: SessionUserSource): Express.User {
  return {
    id: String(user._id),
    email: user.email,
    role: user.role,
    organisationId: user.organisation ? String(user.organisation) : undefined,
    twoFactorEnabled: Boolean(user.twoFactor?.enabled),
    mustChangePassword: Boolean(user.mustChangePassword),
  };
}

export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
}

export interface NewUser {
  email: string;
  role: Role;
  organisationSlug?: string | null;
  language?: Language;
}

export interface AccountServiceDeps {
  recordChange: RecordChange;
  clock: Clock;
  /** Builds absolute links for e-mails. */
  linkTo: (path: string) => string;
  userSessions: UserSessions;
  passwordHashing: PasswordHashing;
}

/** Accounts: creation, invitations, password sign-in with lock-out. Two-factor and resets build on it. */
export function createAccountService(deps: AccountServiceDeps) {
  const { recordChange, clock, linkTo, userSessions, passwordHashing } = deps;

  async function resolveOrganisation(slug: string | null | undefined) {
    if (!slug) return null;
    const organisation = await Organisation.findBySlug(slug).select({ _id: 1, name: 1 }).lean();
    if (!organisation) throw new Error(`No organisation with the slug ${slug}`);
    return organisation;
  }

  async function ensureNew(email: string) {
    if (await User.exists({ email: { $eq: email } })) throw new DuplicateEmailError(`${email} already has an account`);
  }

  return {
    async loadSessionUser(id: string): Promise<Express.User | null> {
      if (!Types.ObjectId.isValid(id)) return null;
      const user = await User.findById(id).lean();
      return user && !user.disabled ? toSessionUser(user) : null;
    },

    /** An account with a password set now (command line, first admin). */
    async createUser(actor: Actor, input: NewUser & { password: string; mustChangePassword?: boolean }) {
      const email = normaliseEmail(input.email);
      await ensureNew(email);
      const organisation = await resolveOrganisation(input.organisationSlug);
      const passwordHash = await hashPassword(input.password, passwordHashing);
      return recordChange(actor, 'user.created', async ({ session }) => {
        const [user] = await User.create(
          [{ email, passwordHash, role: input.role, organisation: organisation?._id ?? null, language: input.language ?? 'en', mustChangePassword: input.mustChangePassword ?? false }],
          { session },
        );
        return {
          subject: { kind: 'user', id: String(user!._id) },
          organisation: organisation?._id ?? null,
          after: { email, role: input.role },
          result: user!,
        };
      });
    },

    /** An account without a password, and an e-mail whose single-use link (7 days) lets its owner choose one. */
    async inviteUser(actor: Actor, input: NewUser): Promise<{ userId: string; link: string }> {
      const email = normaliseEmail(input.email);
      await ensureNew(email);
      const organisation = await resolveOrganisation(input.organisationSlug);
      const language = input.language ?? 'en';
      return recordChange(actor, 'user.invited', async (tx) => {
        const { userId, link } = await inviteWithin(tx, { email, role: input.role, organisation, language }, linkTo);
        return {
          subject: { kind: 'user', id: String(userId) },
          organisation: organisation?._id ?? null,
          after: { email, role: input.role },
          result: { userId: String(userId), link },
        };
      });
    },

    /** Checks a password, counting failures: ten within 15 minutes lock the account for 15 minutes. */
    async checkPassword(actor: Actor, emailInput: string, password: string): Promise<SignInResult> {
      const user = await User.findOne({ email: { $eq: normaliseEmail(emailInput) } }).lean();
      if (!user || !user.passwordHash || user.disabled) {
        await verifyAgainstNothing(password, passwordHashing);
        return { ok: false, reason: 'invalid' };
      }
      const now = clock.now();
      const lockedUntil = user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
      const matches = await verifyPassword(user.passwordHash, password);
      if (lockedUntil) return { ok: false, reason: 'locked', until: lockedUntil };
      if (matches) return { ok: true, user: toSessionUser(user), twoFactorRequired: Boolean(user.twoFactor?.enabled) };
      return recordSignInFailure(recordChange, actor, user._id);
    },

    /** Every account, for the command line: e-mail, role, organisation slug, state. */
    async listUsers() {
      const users = await User.find({})
        .select('email role organisation disabled passwordHash lastSignInAt twoFactor.enabled')
        .sort({ email: 1 })
        .populate<{ organisation: { slug: string } | null }>('organisation', { slug: 1 })
        .lean();
      return users.map((user) => ({
        email: user.email,
        role: user.role,
        organisation: user.organisation?.slug ?? null,
        state: user.disabled ? 'disabled' : user.passwordHash ? 'active' : 'invited',
        twoFactor: Boolean(user.twoFactor?.enabled),
        lastSignInAt: user.lastSignInAt ?? null,
      }));
    },

    /** Disables an account and ends its sessions; false when there is no such account or it already is. */
    async disableUser(actor: Actor, emailInput: string): Promise<'disabled' | 'not-found' | 'already-disabled'> {
      const user = await User.findOne({ email: { $eq: normaliseEmail(emailInput) } }).lean();
      if (!user) return 'not-found';
      if (user.disabled) return 'already-disabled';
      return recordChange(actor, 'user.disabled', async ({ session }) => {
        await User.updateOne({ _id: user._id }, { $set: { disabled: true } }, { session });
        await userSessions.endAll(String(user._id), { session });
        return { subject: { kind: 'user', id: String(user._id) }, organisation: user.organisation, before: { disabled: false }, after: { disabled: true }, result: 'disabled' as const };
      });
    },

    async recordSignIn(actor: Actor, userId: string): Promise<void> {
      await recordChange(actor, 'user.signed-in', async ({ session, now }) => {
        await User.updateOne({ _id: userId }, { $set: { lastSignInAt: now, failedSignIns: [], lockedUntil: null } }, { session });
        return { subject: { kind: 'user', id: userId }, organisation: actor.organisationId, result: undefined };
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
