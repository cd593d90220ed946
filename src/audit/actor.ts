export const ROLES = ['member', 'secretariat', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting, as services see it: never a request. Services record it on every audit event; policies
 * decide with it.
 */
export interface Actor {
  readonly kind: 'user' | 'system' | 'anonymous';
  readonly userId: string | null;
  /** What the audit log shows: the user's e-mail, or `system:<task>` for tools and jobs. */
  readonly label: string;
  readonly role: Role | null;
  readonly organisationId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
}

export interface ActorSource {
  user?: { id: string; email: string; role: Role; organisationId?: string } | undefined;
  /** The request id (a string here; loggers commonly type it as string or number). */
  id?: string | number | object;
  ip?: string | undefined;
}

/** The actor behind a request: the signed-in user, or an anonymous visitor identified only by IP. */
export function actorFrom(req: ActorSource): Actor {
  const user = req.user;
  return Object.freeze({
    kind: user ? 'user' : 'anonymous',
    userId: user?.id ?? null,
    label: user?.email ?? 'anonymous',
    role: user?.role ?? null,
    organisationId: user?.organisationId ?? null,
    requestId: req.id === undefined ? null : String(req.id),
    ip: req.ip ?? null,
  });
}

/** Command-line tools, the seed, the import and jobs act as the system, named by what they do. */
export function systemActor(task: string, requestId: string | null = null): Actor {
  return Object.freeze({
    kind: 'system',
    userId: null,
    label: `system:${task}`,
    role: null,
    organisationId: null,
    requestId,
    ip: null,
  });
}
