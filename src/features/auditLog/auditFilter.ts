import { z } from 'zod';
import { AUDIT_ACTION_NAMES } from '../../audit/actions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day written YYYY-MM-DD that exists (no 2026-02-30), as the start of that day in UTC. */
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')
  .transform((text, context) => {
    const date = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
      context.addIssue({ code: 'custom', message: 'errors.date' });
      return z.NEVER;
    }
    return date;
  });

/** An empty field, as a form sends it, means no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The audit log's filters as they come in the address; every one is optional. Messages are `auditLog` keys. */
export const auditFilterSchema = z
  .object({
    actor: z.string().trim().toLowerCase().max(320, 'errors.tooLong').default(''),
    organisation: z.string().trim().max(300, 'errors.tooLong').default(''),
    action: optional(z.enum(AUDIT_ACTION_NAMES, 'errors.action')),
    from: optional(day),
    to: optional(day),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { message: 'errors.order', path: ['to'] });

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditFilterField = 'actor' | 'organisation' | 'action' | 'from' | 'to';
export const AUDIT_FILTER_FIELDS: readonly AuditFilterField[] = ['actor', 'organisation', 'action', 'from', 'to'];

/** The end of the `to` day: the filter includes the whole of it. */
export const endOfDay = (date: Date): Date => new Date(date.getTime() + DAY_MS);

export type ParsedAuditFilter = { ok: true; filter: AuditFilter } | { ok: false; errors: Partial<Record<AuditFilterField, string>> };

/** Reads the query string; a repeated parameter or a wrong shape becomes a message for its field, never a throw. */
export function parseAuditFilter(query: Record<string, unknown>): ParsedAuditFilter {
  const errors: Partial<Record<AuditFilterField, string>> = {};
  const values: Record<string, unknown> = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = query[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') errors[field] = 'errors.invalid';
    else values[field] = value;
  }
  const parsed = auditFilterSchema.safeParse(values);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, filter: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as AuditFilterField;
    errors[field] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
  }
  return { ok: false, errors };
}

/** The filter's fields as the form shows them again: the person's own text, at a sane length. */
export function enteredFilter(query: Record<string, unknown>): Record<AuditFilterField, string> {
  const text = (field: AuditFilterField) => (typeof query[field] === 'string' ? query[field].slice(0, 320) : '');
  return { actor: text('actor'), organisation: text('organisation'), action: text('action'), from: text('from'), to: text('to') };
}
