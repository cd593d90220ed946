import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { CATEGORIES, type Category } from '../../reference/categories';
import { SECTORS, type Sector } from '../../reference/sectors';
import { normaliseDomain } from '../evidence/checks/domainName';
import { normaliseWebAddress } from '../members/forms';

/** Every field the secretariat edits, as typed: kept to show the form again with the input. */
export interface OrganisationFormValues {
  name: string;
  country: string;
  category: string;
  sector: string;
  website: string;
  domains: string;
  description: string;
}

export interface OrganisationFields {
  name: string;
  country: string | null;
  category: Category | null;
  sector: Sector | null;
  website: string | null;
  domains: string[];
  description: string;
}

/** Field name → the `organisations:errors.*` key of its message. */
export type OrganisationFieldErrors = Partial<Record<keyof OrganisationFormValues, string>>;

const FIELD_NAMES = ['name', 'country', 'category', 'sector', 'website', 'domains', 'description'] as const;
const ERROR_KEYS = new Set([
  'nameMissing',
  'tooLong',
  'country',
  'category',
  'sector',
  'website',
  'domains',
  'tooManyDomains',
]);
const DOMAINS_MAX = 20;
const orNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? null : value), schema.nullable());

const schema = z.object({
  name: z.string().trim().min(1, 'nameMissing').max(300, 'tooLong'),
  country: orNull(
    z
      .string()
      .toUpperCase()
      .refine((code) => /^[A-Z]{2}$/.test(code) && countries.isValid(code), 'country'),
  ),
  category: orNull(z.enum(CATEGORIES, 'category')),
  sector: orNull(z.enum(SECTORS, 'sector')),
  website: orNull(
    z.string().transform((value, ctx) => {
      const address = normaliseWebAddress(value);
      if (!address) ctx.addIssue({ code: 'custom', message: 'website' });
      return address ?? '';
    }),
  ),
  domains: z.string().transform((value, ctx) => {
    const names = value.split(/[\s,]+/).filter(Boolean);
    const domains = names.map(normaliseDomain);
    if (names.length > DOMAINS_MAX) ctx.addIssue({ code: 'custom', message: 'tooManyDomains' });
    else if (domains.some((domain) => domain === null)) ctx.addIssue({ code: 'custom', message: 'domains' });
    return [...new Set(domains.filter((domain): domain is string => domain !== null))];
  }),
  description: z.string().max(5000, 'tooLong'),
});

/** Each field as one trimmed string (a repeated or missing field reads as empty), at most 6,000 characters. */
export function organisationFormValues(body: unknown): OrganisationFormValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const pick = (name: string) => {
    const value = source[name];
    return typeof value === 'string' ? value.trim().slice(0, 6000) : '';
  };
  return Object.fromEntries(
    FIELD_NAMES.map((name) => [name, pick(name)]),
  ) as unknown as OrganisationFormValues;
}

export function parseOrganisationForm(
  values: OrganisationFormValues,
): { ok: true; fields: OrganisationFields } | { ok: false; errors: OrganisationFieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, fields: parsed.data as OrganisationFields };
  const errors: OrganisationFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof OrganisationFormValues;
    errors[field] ??= ERROR_KEYS.has(issue.message) ? issue.message : 'invalid';
  }
  return { ok: false, errors };
}

/** The stored organisation as the form shows it. */
export function formValuesOf(organisation: {
  name: string;
  country?: string | null;
  category?: string | null;
  sector?: string | null;
  website?: string | null;
  domains: string[];
  description?: string | null;
}): OrganisationFormValues {
  return {
    name: organisation.name,
    country: organisation.country ?? '',
    category: organisation.category ?? '',
    sector: organisation.sector ?? '',
    website: organisation.website ?? '',
    domains: organisation.domains.join(' '),
    description: organisation.description ?? '',
  };
}
