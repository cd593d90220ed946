import { Types } from 'mongoose';
import type { Actor, Role } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import type { Clock } from '../../clock';
import type { Language } from '../../middleware/i18n';
import { Organisation } from '../../models/organisation';
import { normaliseEmail, User } from '../../models/user';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords';
import { issueToken } from './tokens';

export const LOCK_AFTER_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: Express.User; twoFactorRequired: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

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
}

/** Accounts: creation, invitations, password sign-in with lock-out. Two-factor and resets build on it. */
export function createAccountService(deps: AccountServiceDeps) {
  const { recordChange, clock, linkTo } = deps;

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
      const passwordHash = await hashPassword(input.password);
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
        const [user] = await User.create(
          [{ email, role: input.role, organisation: organisation?._id ?? null, language }],
          { session: tx.session },
        );
        const token = await issueToken(tx, 'invitation', user!._id);
        const link = linkTo(`/account/invitation/${token}`);
        tx.enqueue('mail.send', {
          to: email,
          language,
          template: 'invitation',
          params: { inviter: actor.kind === 'user' ? actor.label : 'Accord Registry', organisation: organisation?.name ?? 'Accord Registry' },
          link,
        });
        return {
          subject: { kind: 'user', id: String(user!._id) },
          organisation: organisation?._id ?? null,
          after: { email, role: input.role },
          result: { userId: String(user!._id), link },
        };
      });
    },

    /** Checks a password, counting failures: ten within 15 minutes lock the account for 15 minutes. */
    async checkPassword(actor: Actor, emailInput: string, password: string): Promise<SignInResult> {
      const user = await User.findOne({ email: { $eq: normaliseEmail(emailInput) } }).lean();
      if (!user || !user.passwordHash || user.disabled) {
        await verifyAgainstNothing(password);
        return { ok: false, reason: 'invalid' };
      }
      const now = clock.now();
      const lockedUntil = user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
      const matches = await verifyPassword(user.passwordHash, password);
      if (lockedUntil) return { ok: false, reason: 'locked', until: lockedUntil };
      if (matches) return { ok: true, user: toSessionUser(user), twoFactorRequired: Boolean(user.twoFactor?.enabled) };
      return recordFailure(actor, user._id);
    },

    async recordSignIn(actor: Actor, userId: string): Promise<void> {
      await recordChange(actor, 'user.signed-in', async ({ session, now }) => {
        await User.updateOne({ _id: userId }, { $set: { lastSignInAt: now, failedSignIns: [], lockedUntil: null } }, { session });
        return { subject: { kind: 'user', id: userId }, organisation: actor.organisationId, result: undefined };
      });
    },
  };

  async function recordFailure(actor: Actor, userId: Types.ObjectId): Promise<SignInResult> {
    return recordChange(actor, 'user.sign-in-failed', async (tx) => {
      const user = await User.findById(userId, null, { session: tx.session }).lean();
      if (!user) return { unchanged: true, result: { ok: false, reason: 'invalid' } as SignInResult };
      const windowStart = tx.now.getTime() - FAILURE_WINDOW_MS;
      const failures = [...user.failedSignIns.filter((at) => at.getTime() > windowStart), tx.now].slice(
        -LOCK_AFTER_FAILURES,
      );
      const lockedUntil = failures.length >= LOCK_AFTER_FAILURES ? new Date(tx.now.getTime() + LOCK_DURATION_MS) : null;
      await User.updateOne(
        { _id: user._id },
        { $set: lockedUntil ? { failedSignIns: [], lockedUntil } : { failedSignIns: failures } },
        { session: tx.session },
      );
      if (lockedUntil) {
        tx.enqueue('mail.send', {
          to: user.email,
          language: user.language,
          template: 'account-locked',
          params: { until: `${lockedUntil.toISOString().replace('T', ' ').slice(0, 16)} UTC` },
        });
      }
      const result: SignInResult = lockedUntil ? { ok: false, reason: 'locked', until: lockedUntil } : { ok: false, reason: 'invalid' };
      return { subject: { kind: 'user', id: String(user._id) }, after: { failures: failures.length, locked: Boolean(lockedUntil) }, result };
    });
  }
}

export type AccountService = ReturnType<typeof createAccountService>;
