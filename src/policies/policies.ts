import type { Actor, Role } from '../audit/actor';

/** What a policy needs to know about an organisation: its id. */
export interface OrganisationRef {
  id: string;
}

const isStaff = (actor: Actor): boolean => actor.role === 'secretariat' || actor.role === 'admin';

/**
 * Every authorisation decision, as small functions of an actor and a subject. Routes apply them through
 * `authorise` (src/middleware/authorise.ts) after loading the subject; templates only read the outcome.
 */
export const policies = {
  /** Members see and edit their own organisation's account pages; the secretariat and admins any. */
  canEditOrganisation(actor: Actor, organisation: OrganisationRef): boolean {
    if (actor.kind !== 'user') return false;
    return isStaff(actor) || (actor.role === 'member' && actor.organisationId === organisation.id);
  },
  canUseSecretariat(actor: Actor): boolean {
    return actor.kind === 'user' && isStaff(actor);
  },
  canManageUsers(actor: Actor): boolean {
    return actor.kind === 'user' && isStaff(actor);
  },
  /** Only admins change roles, and never their own (an admin cannot lock the registry out of admins). */
  canChangeRole(actor: Actor, user: { id: string }): boolean {
    return actor.kind === 'user' && actor.role === 'admin' && actor.userId !== user.id;
  },
  /** Who may give which role when inviting: the secretariat invites members, an admin anyone. */
  canGrantRole(actor: Actor, role: Role): boolean {
    if (actor.kind !== 'user') return false;
    return actor.role === 'admin' || (actor.role === 'secretariat' && role === 'member');
  },
  /** The audit log shows every change by anyone: staff only. */
  canReadAuditLog(actor: Actor): boolean {
    return actor.kind === 'user' && isStaff(actor);
  },
  /** Two-factor is required for the roles that can change other organisations and users. */
  mustUseTwoFactor(actor: Pick<Actor, 'role'>): boolean {
    return actor.role === 'secretariat' || actor.role === 'admin';
  },
} as const;

export type PolicyName = keyof typeof policies;
