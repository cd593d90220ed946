import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { CATEGORIES, type Category } from '../../reference/categories';
import { INITIATIVES, isInitiativeSlug, type InitiativeSlug } from '../../reference/initiatives';
import { SECTORS, type Sector } from '../../reference/sectors';

/** What the applicant typed, kept as strings so the form can be shown again with their input. */
export interface ApplicationFormValues {
  name: string;
  country: string;
  category: string;
  sector: string;
  website: string;
  domain: string;
  initiatives: string[];
  commitments: string[];
  statement: string;
  contactName: string;
  contactEmail: string;
  contactRole: string;
  consent: boolean;
}

export interface ApplicationDetails {
  name: string;
  country: string;
  category: Category;
  sector: Sector;
  website: string;
  domain: string;
  pledges: { initiative: InitiativeSlug; commitments: string[] }[];
  statement: string;
  contact: { name: string; email: string; role: string };
}

export type FieldErrors = Partial<Record<keyof ApplicationFormValues, string>>;

const text = (max: number) => z.string().trim().min(1).max(max);
const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);
const website = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  });

/** Each field's rule; the message keys live under `applications:errors`. */
const fieldRules = {
  name: text(300),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).refine((code) => countries.isValid(code)),
  category: z.enum(CATEGORIES),
  sector: z.enum(SECTORS),
  website,
  domain: domainName,
  statement: z.string().trim().max(5000),
  contactName: text(200),
  contactEmail: z.string().trim().toLowerCase().max(254).email(),
  contactRole: text(200),
} as const;

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string').slice(0, 50);
const str = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 6000) : '');

export function formValuesFrom(body: Record<string, unknown>): ApplicationFormValues {
  return {
    name: str(body['name']),
    country: str(body['country']),
    category: str(body['category']),
    sector: str(body['sector']),
    website: str(body['website']),
    domain: str(body['domain']),
    initiatives: list(body['initiatives']),
    commitments: list(body['commitments']),
    statement: str(body['statement']),
    contactName: str(body['contactName']),
    contactEmail: str(body['contactEmail']),
    contactRole: str(body['contactRole']),
    consent: body['consent'] === 'yes',
  };
}

/** Validates the whole form at once, so every mistake is shown next to its field in one round trip. */
export function parseApplicationForm(
  values: ApplicationFormValues,
): { ok: true; details: ApplicationDetails } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(fieldRules)) {
    const result = rule.safeParse(values[field as keyof typeof fieldRules]);
    if (result.success) parsed[field] = result.data;
    else errors[field as keyof typeof fieldRules] = `applications:errors.${field}`;
  }
  const pledges = pledgesFrom(values);
  if (pledges === 'none') errors.initiatives = 'applications:errors.initiatives';
  else if (pledges === 'commitments') errors.commitments = 'applications:errors.commitments';
  else if (pledges.some((pledge) => pledge.initiative === 'tech-accord') && parsed['category'] && parsed['category'] !== 'private-sector')
    errors.initiatives = 'applications:errors.techAccordCategory';
  if (!values.consent) errors.consent = 'applications:errors.consent';
  if (Object.keys(errors).length > 0 || typeof pledges === 'string') return { ok: false, errors };
  return {
    ok: true,
    details: {
      name: parsed['name'] as string,
      country: parsed['country'] as string,
      category: parsed['category'] as Category,
      sector: parsed['sector'] as Sector,
      website: parsed['website'] as string,
      domain: parsed['domain'] as string,
      pledges,
      statement: parsed['statement'] as string,
      contact: { name: parsed['contactName'] as string, email: parsed['contactEmail'] as string, role: parsed['contactRole'] as string },
    },
  };
}

/** Commitments arrive as `initiative:code`; every chosen initiative needs one, and none may be orphaned. */
function pledgesFrom(values: ApplicationFormValues): ApplicationDetails['pledges'] | 'none' | 'commitments' {
  const chosen = [...new Set(values.initiatives.filter(isInitiativeSlug))];
  if (chosen.length === 0) return 'none';
  const pledges = chosen.map((initiative) => {
    const known = new Set(INITIATIVES.find((item) => item.slug === initiative)!.commitments.map((c) => c.code));
    const codes = values.commitments
      .filter((key) => key.startsWith(`${initiative}:`))
      .map((key) => key.slice(initiative.length + 1))
      .filter((code) => known.has(code));
    return { initiative, commitments: [...new Set(codes)] };
  });
  const orphans = values.commitments.filter((key) => !chosen.some((initiative) => key.startsWith(`${initiative}:`)));
  if (orphans.length > 0 || pledges.some((pledge) => pledge.commitments.length === 0)) return 'commitments';
  return pledges;
}

/** The stored application, as form values (for editing after changes were requested). */
export interface StoredApplicationFields {
  name: string;
  country: string;
  category: string;
  sector: string;
  website: string;
  domain: string;
  pledges: { initiative: string; commitments: string[] }[];
  statement?: string | null;
  contact: { name: string; email: string; role: string };
}

export function formValuesOf(details: StoredApplicationFields): ApplicationFormValues {
  return {
    name: details.name,
    country: details.country,
    category: details.category,
    sector: details.sector,
    website: details.website,
    domain: details.domain,
    initiatives: details.pledges.map((pledge) => pledge.initiative),
    commitments: details.pledges.flatMap((pledge) => pledge.commitments.map((code) => `${pledge.initiative}:${code}`)),
    statement: details.statement ?? '',
    contactName: details.contact.name,
    contactEmail: details.contact.email,
    contactRole: details.contact.role,
    consent: true,
  };
}
