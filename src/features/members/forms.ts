import { z } from 'zod';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../reference/evidenceLevels';
import { SECTORS } from '../../reference/sectors';
import { normaliseDomain } from '../evidence/checks/domainName';

/** Field name → the `members:errors.*` key of its message. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export const STATEMENT_MAX = 5000;
const DESCRIPTION_MAX = 5000;
const SHORT_MAX = 500;
const DOMAINS_MAX = 20;
export const DOMAIN_KINDS: readonly EvidenceKind[] = ['dmarc', 'spf', 'mta-sts', 'security-txt'];

/** A single text value; a repeated or missing field reads as empty. */
const text = (max: number, tooLong: string) =>
  z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().max(max, tooLong)).transform((value) => value.trim());

/** An absolute http(s) address; `javascript:`, `data:` and the like are refused. */
export function normaliseWebAddress(input: string): string | null {
  if (input.length > SHORT_MAX || /\s/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !normaliseDomain(url.hostname)) return null;
  return url.toString();
}

function settle<T>(parsed: z.ZodSafeParseResult<T>): FormResult<T> {
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
  }
  return { ok: false, errors };
}

const organisationSchema = z.object({
  description: text(DESCRIPTION_MAX, 'errors.descriptionTooLong'),
  website: text(SHORT_MAX, 'errors.tooLong').transform((value, ctx) => {
    if (value === '') return null;
    const address = normaliseWebAddress(value);
    if (!address) ctx.addIssue({ code: 'custom', message: 'errors.website' });
    return address;
  }),
  domains: text(DOMAINS_MAX * 64, 'errors.tooLong').transform((value, ctx) => {
    const names = value.split(/[\s,]+/).filter(Boolean);
    const domains = names.map(normaliseDomain);
    if (names.length > DOMAINS_MAX) ctx.addIssue({ code: 'custom', message: 'errors.tooManyDomains' });
    else if (domains.some((domain) => domain === null)) ctx.addIssue({ code: 'custom', message: 'errors.domains' });
    return [...new Set(domains.filter((domain): domain is string => domain !== null))];
  }),
  sector: z.preprocess((value) => (value === '' || value === undefined ? null : value), z.enum(SECTORS, 'errors.sector').nullable()),
});

export const parseOrganisationForm = (body: unknown) => settle(organisationSchema.safeParse(body ?? {}));

/** The commitments ticked (one value or several) and the statement, checked against the initiative's codes. */
export function parsePledgeForm(body: unknown, knownCodes: readonly string[]) {
  const schema = z.object({
    commitments: z
      .preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string().max(60, 'errors.commitment')).max(50, 'errors.commitment'))
      .refine((codes) => codes.every((code) => knownCodes.includes(code)), 'errors.commitment'),
    statement: text(STATEMENT_MAX, 'errors.statementTooLong'),
  });
  return settle(schema.safeParse(body ?? {}));
}

/** Kind, subject (a domain or an http(s) address, as the kind needs) and the commitment it supports. */
export function parseEvidenceForm(body: unknown, knownCommitments: readonly string[]) {
  const schema = z
    .object({
      kind: z.enum(EVIDENCE_KINDS, 'errors.kind'),
      subject: text(SHORT_MAX, 'errors.tooLong').refine((value) => value !== '', 'errors.subjectMissing'),
      commitment: z.preprocess((value) => (value === '' || value === undefined ? null : value), z.string().max(120, 'errors.commitment').nullable())
        .refine((value) => value === null || knownCommitments.includes(value), 'errors.commitment'),
    })
    .transform((entry, ctx) => {
      const isDomainKind = DOMAIN_KINDS.includes(entry.kind);
      const subject = isDomainKind ? normaliseDomain(entry.subject) : normaliseWebAddress(entry.subject);
      if (!subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: isDomainKind ? 'errors.domain' : 'errors.url' });
      return { ...entry, subject: subject ?? '' };
    });
  return settle(schema.safeParse(body ?? {}));
}

/** A mail domain for the registry to measure (the "add the right mail domain" form). */
export function parseMailDomainForm(body: unknown) {
  const schema = z.object({
    mailDomain: text(SHORT_MAX, 'errors.tooLong')
      .refine((value) => value !== '', 'errors.mailDomainMissing')
      .transform((value, ctx) => {
        const domain = normaliseDomain(value);
        if (!domain) ctx.addIssue({ code: 'custom', message: 'errors.domain' });
        return domain ?? '';
      }),
  });
  return settle(schema.safeParse(body ?? {}));
}

/** The measured domain a "not ours" button names; null when the field is missing or not a domain. */
export function parseMeasuredDomainField(body: unknown): string | null {
  const parsed = z.object({ domain: z.string().max(SHORT_MAX) }).safeParse(body ?? {});
  return parsed.success ? normaliseDomain(parsed.data.domain) : null;
}
