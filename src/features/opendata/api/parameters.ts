import { z } from 'zod';
import { DIRECTORY_PARAMETER_SCHEMAS as directory } from '../../directory/query';
import { InvalidParametersError } from '../problem';

/**
 * The API's query parameters: the directory's own schemas (same names, same rules), but strict: an
 * unknown name, a repeated one or a bad value is a 400 rather than a notice. The OpenAPI document
 * describes each parameter from these schemas.
 */
export const organisationListQuery = z.strictObject({
  q: directory.q
    .optional()
    .meta({ description: 'Words that must each start a word of the name (case and accents ignored).' }),
  status: directory.status.optional().meta({
    description: 'Public status: `active` (the default), `lapsed`, `withdrawn`, `delisted`, or `all` for every status.',
  }),
  initiative: directory.initiative.optional().meta({ description: 'Signatories of this initiative.' }),
  country: directory.country.optional().meta({ description: 'ISO 3166-1 alpha-2 country code.' }),
  category: directory.category.optional().meta({ description: 'Kind of signatory.' }),
  sector: directory.sector.optional().meta({ description: 'Sector of the signatory.' }),
  commitment: directory.commitment
    .optional()
    .meta({ description: 'Adopted this commitment (`initiative:code`).' }),
  evidence: directory.evidence.optional().meta({ description: 'Summary level of the verified evidence.' }),
  year: directory.year.optional().meta({ description: 'Joined an initiative in this year.' }),
  sort: directory.sort.optional().meta({ description: 'Sort key (default `name`).' }),
  order: directory.order.optional().meta({ description: 'Default: `desc` for `joined`, `asc` otherwise.' }),
  page: directory.page.optional().meta({ description: 'Page number, from 1.' }),
  size: directory.size.optional().meta({ description: 'Organisations per page (default 20).' }),
});

export const statisticsQuery = z.strictObject({
  initiative: directory.initiative.optional().meta({ description: 'Figures for this initiative only.' }),
});

export const noQuery = z.strictObject({});

/** Validated values, or a 400 naming every bad parameter (Express gives repeated names as arrays). */
export function parseQuery<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const invalid = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ name: key.slice(0, 40), reason: 'Not a parameter of this endpoint.' }))
      : [{ name: String(issue.path[0] ?? '').slice(0, 40), reason: issue.message }],
  );
  throw new InvalidParametersError(invalid);
}
