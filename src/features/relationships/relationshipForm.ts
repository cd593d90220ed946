import { z } from 'zod';
import { RELATIONSHIP_KINDS } from '../../reference/relationships';
import type { PartyInput, RelationshipInput } from './relationshipService';

export const RELATIONSHIP_FIELDS = [
  'fromOrganisation',
  'fromName',
  'fromUrl',
  'kind',
  'toOrganisation',
  'toName',
  'toUrl',
  'since',
  'until',
  'sourceUrl',
] as const;
export type RelationshipField = (typeof RELATIONSHIP_FIELDS)[number];
export type RelationshipFormValues = Record<RelationshipField, string>;
/** Field → key of its message in the relationships namespace. */
export type FormErrors = Partial<Record<RelationshipField, string>>;

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
const httpUrl = z.string().max(500, 'errors.url').refine(isHttpUrl, 'errors.url');
const optionalUrl = z.union([z.literal(''), httpUrl]);
const slug = z.union([z.literal(''), z.string().regex(/^[a-z0-9-]{1,100}$/, 'errors.slug')]);
const day = z.union([
  z.literal(''),
  z.iso.date('errors.date').refine((value) => !Number.isNaN(Date.parse(value)), 'errors.date'),
]);

const formSchema = z.object({
  fromOrganisation: slug,
  fromName: z.string().max(300, 'errors.name'),
  fromUrl: optionalUrl,
  kind: z.enum(RELATIONSHIP_KINDS, 'errors.kind'),
  toOrganisation: slug,
  toName: z.string().max(300, 'errors.name'),
  toUrl: optionalUrl,
  since: day,
  until: day,
  sourceUrl: z.string().min(1, 'errors.sourceUrl').max(500, 'errors.url').refine(isHttpUrl, 'errors.url'),
});

export const emptyRelationshipForm = (): RelationshipFormValues =>
  Object.fromEntries(RELATIONSHIP_FIELDS.map((field) => [field, ''])) as RelationshipFormValues;

/** What was typed, trimmed and cut to size, so the form shows it back whatever happens. */
export function enteredValues(body: unknown): RelationshipFormValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const values = emptyRelationshipForm();
  for (const field of RELATIONSHIP_FIELDS) {
    const value = source[field];
    values[field] = typeof value === 'string' ? value.trim().slice(0, 600) : '';
  }
  return values;
}

function party(slugValue: string, name: string, url: string): PartyInput | 'neither' | 'both' {
  if (slugValue && name) return 'both';
  if (slugValue) return { slug: slugValue };
  if (name) return { name, url: url || null };
  return 'neither';
}

const asDate = (value: string) => (value ? new Date(`${value}T00:00:00Z`) : null);

/** The form as a relationship, or the message for each field that is wrong. */
export function parseRelationshipForm(values: RelationshipFormValues): { input?: RelationshipInput; errors: FormErrors } {
  const parsed = formSchema.safeParse(values);
  const errors: FormErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as RelationshipField;
      errors[field] ??= RELATIONSHIP_FIELDS.includes(field) && issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
    }
    return { errors };
  }
  const form = parsed.data;
  const from = party(form.fromOrganisation, form.fromName, form.fromUrl);
  const to = party(form.toOrganisation, form.toName, form.toUrl);
  if (typeof from === 'string') errors.fromOrganisation = `errors.party.${from}`;
  if (typeof to === 'string') errors.toOrganisation = `errors.party.${to}`;
  const since = asDate(form.since);
  const until = asDate(form.until);
  if (since && until && until < since) errors.until = 'errors.untilBeforeSince';
  if (typeof from === 'string' || typeof to === 'string' || Object.keys(errors).length > 0) return { errors };
  return { input: { from, kind: form.kind, to, since, until, sourceUrl: form.sourceUrl }, errors };
}
