import { MongoServerError } from 'mongodb';
import type { Actor } from '../../audit/actor';
import { Organisation } from '../../models/organisation';
import { escapeRegExp, toSearchKey } from '../../models/searchKey';
import { User } from '../../models/user';
import { policies } from '../../policies/policies';
import { DuplicateEmailError, type AccountService } from '../accounts/accountService';
import type { InvitationField, InvitationForm } from './invitationForm';

export type InvitationOutcome = { ok: true; userId: string } | { ok: false; errors: Partial<Record<InvitationField, string>> };

/** The organisation named by its slug, or by its exact name when only one organisation has it. */
async function findOrganisation(text: string): Promise<{ slug: string } | 'none' | 'several'> {
  const bySlug = await Organisation.findBySlug(text.toLowerCase()).select({ slug: 1 }).lean();
  if (bySlug) return bySlug;
  const key = toSearchKey(text);
  if (!key) return 'none';
  const byName = await Organisation.find({ searchKey: { $regex: `^${escapeRegExp(key)}$` } }, { slug: 1 }).limit(2).lean();
  if (byName.length === 0) return 'none';
  return byName.length === 1 ? byName[0]! : 'several';
}

/**
 * Invites someone through the accounts service (its audited write and the mail job). The secretariat invites
 * members; only an admin can give a staff role at invitation, as when changing a role.
 */
export async function inviteUser(accounts: AccountService, actor: Actor, form: InvitationForm): Promise<InvitationOutcome> {
  if (!policies.canGrantRole(actor, form.role)) return { ok: false, errors: { role: 'errors.roleNotAllowed' } };
  let organisationSlug: string | null = null;
  if (form.organisation) {
    const found = await findOrganisation(form.organisation);
    if (found === 'none') return { ok: false, errors: { organisation: 'errors.organisationUnknown' } };
    if (found === 'several') return { ok: false, errors: { organisation: 'errors.organisationAmbiguous' } };
    organisationSlug = found.slug;
  } else if (form.role === 'member') {
    return { ok: false, errors: { organisation: 'errors.organisationRequired' } };
  }
  if (await User.exists({ email: { $eq: form.email } })) return { ok: false, errors: { email: 'errors.emailTaken' } };
  try {
    const { userId } = await accounts.inviteUser(actor, { email: form.email, role: form.role, organisationSlug, language: form.language });
    return { ok: true, userId };
  } catch (error) {
    // A second invitation of the same address at the same moment loses on the unique index.
    if (error instanceof DuplicateEmailError || (error instanceof MongoServerError && error.code === 11000)) {
      return { ok: false, errors: { email: 'errors.emailTaken' } };
    }
    throw error;
  }
}
