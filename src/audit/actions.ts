/**
 * Every action the audit log knows. `public` actions change what the registry publishes, so they bump the
 * registry version (every app server then refreshes its read model); the others concern accounts only.
 */
export const AUDIT_ACTIONS = {
  'organisation.created': { public: true },
  'organisation.updated': { public: true },
  'organisation.imported': { public: true },
  'organisation.status-changed': { public: true },
  'organisation.merged': { public: true },
  'pledge.updated': { public: true },
  'evidence.added': { public: true },
  'evidence.removed': { public: true },
  'evidence.checked': { public: true },
  'evidence.reviewed': { public: true },
  'evidence.check-requested': { public: false },
  'evidence.measured-added': { public: true },
  'evidence.measured-checked': { public: true },
  'evidence.measured-not-ours': { public: true },
  'registry.seeded': { public: true },
  'relationship.created': { public: true },
  'relationship.updated': { public: true },
  'relationship.removed': { public: true },
  'activity.created': { public: true },
  'activity.updated': { public: true },
  'import.started': { public: false },
  'application.submitted': { public: false },
  'application.confirmed': { public: false },
  'application.resubmitted': { public: false },
  'application.approved': { public: true },
  'application.rejected': { public: false },
  'application.changes-requested': { public: false },
  'user.created': { public: false },
  'user.invited': { public: false },
  'user.invitation-accepted': { public: false },
  'user.signed-in': { public: false },
  'user.sign-in-failed': { public: false },
  'user.signed-out-everywhere': { public: false },
  'user.password-changed': { public: false },
  'user.password-reset-requested': { public: false },
  'user.password-reset': { public: false },
  'user.two-factor-enabled': { public: false },
  'user.two-factor-disabled': { public: false },
  'user.two-factor-reset': { public: false },
  'user.recovery-code-used': { public: false },
  'user.disabled': { public: false },
  'user.enabled': { public: false },
  'user.role-changed': { public: false },
  // Petitions are not part of the directory's read model, so none of their changes bumps the version.
  'petition.created': { public: false },
  'petition.updated': { public: false },
  'petition.opened': { public: false },
  'petition.closed': { public: false },
  'petition.signed': { public: false },
  'petition.signature-confirmed': { public: false },
  'petition.signature-withdrawn': { public: false },
  'petition.signatures-exported': { public: false },
} as const satisfies Record<string, { public: boolean }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export const isPublicAction = (action: AuditAction): boolean => AUDIT_ACTIONS[action].public;
