import { z } from 'zod';
import { CATEGORIES } from '../../reference/categories';
import { EVIDENCE_KINDS, EVIDENCE_LEVELS, EVIDENCE_STATUSES } from '../../reference/evidenceLevels';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import { MEASURED_ORIGINS } from '../../models/measuredEvidence';
import { CHECK_NAMES } from '../evidence/checks/types';
import { RELATIONSHIP_KINDS } from '../../reference/relationships';
import { SECTORS } from '../../reference/sectors';
import { MEMBERSHIP_STATES, ORGANISATION_STATES } from '../../reference/statuses';

/**
 * The public shapes of the open data, in camelCase (as the statistics), dates in ISO 8601. The presenters return these
 * types, the OpenAPI document is generated from them, and the tests validate every answer against it.
 */
const isoDate = z.iso.date().meta({ description: 'A calendar date (ISO 8601, UTC).' });
const isoDateTime = z.iso.datetime().meta({ description: 'An instant (ISO 8601, UTC).' });
const slug = z.string().regex(/^[a-z0-9-]+$/);

export const membershipSchema = z.object({
  initiative: z.enum(INITIATIVE_SLUGS),
  status: z.enum(MEMBERSHIP_STATES),
  joinedOn: isoDate.nullable(),
  commitments: z.array(z.string()).meta({
    description: 'Codes of the commitments adopted in the current pledge (active memberships only).',
  }),
});

export const organisationSchema = z.object({
  slug,
  name: z.string(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .meta({ description: 'ISO 3166-1 alpha-2.' }),
  category: z.enum(CATEGORIES).nullable(),
  sector: z.enum(SECTORS).nullable(),
  website: z.string().nullable(),
  status: z.object({
    state: z.enum(ORGANISATION_STATES),
    reason: z.string(),
    since: isoDateTime.nullable(),
  }),
  evidenceLevel: z.enum(EVIDENCE_LEVELS),
  demo: z.boolean().meta({ description: 'A fictional organisation shown for demonstration.' }),
  memberships: z.array(membershipSchema),
  profileUrl: z.string(),
});

const evidenceResultSchema = z.object({
  status: z.enum(EVIDENCE_STATUSES),
  level: z.string().nullable(),
  problems: z.array(z.string()),
  checkedAt: isoDateTime,
});

const relatedPartySchema = z.object({
  name: z.string(),
  slug: slug.nullable().meta({ description: 'Set when the organisation is in the registry.' }),
  profileUrl: z.string().nullable(),
  website: z.string().nullable().meta({ description: 'For an organisation outside the registry.' }),
});

export const relationshipSchema = z.object({
  kind: z.enum(RELATIONSHIP_KINDS).meta({ description: 'Read as: `from` funds / partners with / … `to`.' }),
  from: relatedPartySchema,
  to: relatedPartySchema,
  since: isoDate.nullable(),
  until: isoDate.nullable(),
  sourceUrl: z.string().meta({ description: 'The public page that states the relationship.' }),
});

export const coSignedStatementSchema = z.object({
  initiative: z.enum(INITIATIVE_SLUGS),
  slug,
  title: z.object({ en: z.string(), fr: z.string() }),
  date: isoDate.nullable().meta({ description: 'The day of the statement, when the sources give it.' }),
  url: z.string().meta({ description: 'The statement’s page in the registry.' }),
});

export const organisationProfileSchema = organisationSchema.extend({
  description: z.string(),
  relationships: z.array(relationshipSchema),
  coSignedStatements: z
    .array(coSignedStatementSchema)
    .meta({ description: 'Joint statements of an initiative that the organisation co-signed, newest first.' }),
  pledges: z.array(
    z.object({
      initiative: z.enum(INITIATIVE_SLUGS),
      version: z.number().int().min(1),
      current: z.boolean(),
      commitments: z.array(z.string()),
      statement: z.string(),
      changedBy: z.string(),
      changedAt: isoDateTime,
      demo: z.boolean(),
    }),
  ),
  evidence: z.array(
    z.object({
      kind: z.enum(EVIDENCE_KINDS),
      subject: z.string(),
      commitment: z.string().nullable(),
      status: z.enum(EVIDENCE_STATUSES),
      latestResult: evidenceResultSchema.nullable(),
      history: z.array(evidenceResultSchema),
      demo: z.boolean(),
    }),
  ).meta({ description: 'Evidence the organisation claimed, with the results of its checks.' }),
  measuredByRegistry: z.array(
    z.object({
      domain: z.string(),
      origin: z.enum(MEASURED_ORIGINS).meta({ description: 'The registrable domain of the website, or a mail domain a member named.' }),
      check: z.enum(CHECK_NAMES),
      latestResult: evidenceResultSchema.nullable().meta({ description: 'Null until the first check.' }),
      history: z.array(evidenceResultSchema),
    }),
  ).meta({ description: 'Checks the registry runs on the organisation\'s domains whether or not it claimed anything; kept apart from `evidence`.' }),
});

const localised = z.object({ en: z.string(), fr: z.string() });

export const initiativeSchema = z.object({
  slug,
  name: localised,
  description: localised,
  website: z.string(),
  launchedOn: isoDate,
  signatoryCount: z.number().int().min(0),
  commitments: z.array(
    z.object({
      code: slug,
      title: localised,
      text: localised,
      adoptedBy: z.number().int().min(0),
    }),
  ),
});

export const licenceSchema = z.object({ name: z.string(), url: z.string() });

export const organisationPageSchema = z.object({
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  size: z.number().int().min(1),
  links: z.object({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable() }),
  organisations: z.array(organisationSchema),
});

export const initiativeListSchema = z.object({ initiatives: z.array(initiativeSchema) });

export const downloadSchema = z.object({
  licence: licenceSchema,
  generatedAt: isoDateTime,
  query: z.string().meta({ description: 'The directory query this download holds.' }),
  total: z.number().int().min(0),
  organisations: z.array(organisationSchema),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});

export type PresentedOrganisation = z.infer<typeof organisationSchema>;
export type PresentedMembership = z.infer<typeof membershipSchema>;
export type PresentedRelationship = z.infer<typeof relationshipSchema>;
export type PresentedProfile = z.infer<typeof organisationProfileSchema>;
export type PresentedInitiative = z.infer<typeof initiativeSchema>;
export type Problem = z.infer<typeof problemSchema>;
