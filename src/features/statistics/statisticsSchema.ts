import { z } from 'zod';
import { CATEGORIES } from '../../reference/categories';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import { SECTORS } from '../../reference/sectors';

/** DMARC policy levels, strongest first; `missing` means no record is published, `invalid` a broken one. */
export const DMARC_LEVELS = ['reject', 'quarantine', 'none', 'invalid', 'missing'] as const;
export type DmarcLevel = (typeof DMARC_LEVELS)[number];

/** security.txt levels (RFC 9116): `valid` is present and valid; `expired` and `invalid` are present only. */
export const SECURITY_TXT_LEVELS = ['valid', 'expired', 'invalid', 'missing'] as const;
export type SecurityTxtLevel = (typeof SECURITY_TXT_LEVELS)[number];

const count = z.number().int().min(0);
const initiative = z.enum(INITIATIVE_SLUGS);
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const levelCounts = <Levels extends readonly [string, ...string[]]>(levels: Levels) =>
  z.array(z.object({ level: z.enum(levels), count }));

/** The figures of the statistics page, language-neutral: codes, counts and ISO 8601 dates. */
export const statisticsSchema = z.object({
  /** The initiative the figures are narrowed to, or null for every signatory. */
  initiative: initiative.nullable(),
  totals: z.object({
    signatories: count,
    countries: count,
    /** International bodies and others with no country. */
    withoutCountry: count,
  }),
  /** ISO 3166-1 alpha-2 codes, most signatories first. */
  byCountry: z.array(z.object({ country: z.string().regex(/^[A-Z]{2}$/), count })),
  byInitiative: z.array(z.object({ initiative, count })),
  /** Every category in a fixed order, then `null` for signatories with none when there are any. */
  byCategory: z.array(z.object({ category: z.enum(CATEGORIES).nullable(), count })),
  bySector: z.array(z.object({ sector: z.enum(SECTORS).nullable(), count })),
  growth: z.object({
    /** Every month (YYYY-MM) from the first dated membership to the last. */
    months: z.array(yearMonth),
    series: z.array(
      z.object({
        initiative,
        /** Signatories who had joined by the end of each month, aligned with `months`. */
        cumulative: z.array(count),
        /** Memberships with no known joining date, left out of `cumulative`. */
        undated: count,
      }),
    ),
  }),
  commitments: z.array(z.object({ initiative, code: z.string(), key: z.string(), organisations: count })),
  evidence: z.object({
    dmarc: z.object({
      /** Distinct domains of the signatories (their mail and web domains and every checked subject). */
      domains: count,
      /** Domains with no check result yet (or only a "could not check"). */
      unchecked: count,
      levels: levelCounts(DMARC_LEVELS),
    }),
    securityTxt: z.object({
      domains: count,
      unchecked: count,
      /** Found at all (valid, expired or invalid). */
      present: count,
      valid: count,
      levels: levelCounts(SECURITY_TXT_LEVELS),
    }),
  }),
});

export type Statistics = z.infer<typeof statisticsSchema>;
