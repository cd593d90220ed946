import { z } from 'zod';
import type { Category } from '../reference/categories';
import type { InitiativeSlug } from '../reference/initiatives';
import type { Sector } from '../reference/sectors';
import { natureToSector } from './natures';
import {
  categoryField,
  countryField,
  dateField,
  initiativeField,
  nameField,
  sectorField,
  websiteField,
} from './fields';

/** A validated, normalised row: the only shape the importer ever turns into a database query. */
export interface OrganisationRow {
  name: string;
  country: string | null;
  category: Category | null;
  sector: Sector | null;
  website: string | null;
  domains: string[];
  joinedAt: Date | null;
  initiative: InitiativeSlug | null;
  warnings: string[];
}

function warningsFor(row: { website: { repaired: boolean; website: string | null } }) {
  const warnings: string[] = [];
  if (row.website.repaired) warnings.push(`website repaired to ${row.website.website}`);
  return warnings;
}

/** name,category,nationality,nature,website,twitter,linkedin,date_signed — social links are not kept. */
export const parisCallRowSchema = z
  .object({
    name: nameField,
    category: categoryField,
    nationality: countryField,
    nature: z.string().default(''),
    website: websiteField,
    date_signed: dateField,
  })
  .transform((row, ctx): OrganisationRow => {
    const nature = natureToSector(row.nature, row.category);
    if (!nature.ok) {
      ctx.addIssue({ code: 'custom', path: ['nature'], message: nature.reason });
      return z.NEVER;
    }
    return {
      name: row.name,
      country: row.nationality,
      category: row.category,
      sector: nature.sector,
      website: row.website.website,
      domains: row.website.domain ? [row.website.domain] : [],
      joinedAt: row.date_signed,
      initiative: 'paris-call',
      warnings: warningsFor(row),
    };
  });

/** name,country,category,sector,website,joined,initiative — only name is required. */
export const genericRowSchema = z
  .object({
    name: nameField,
    country: countryField,
    category: categoryField,
    sector: sectorField,
    website: websiteField,
    joined: dateField,
    initiative: initiativeField,
  })
  .transform((row): OrganisationRow => ({
    name: row.name,
    country: row.country,
    category: row.category,
    sector: row.sector,
    website: row.website.website,
    domains: row.website.domain ? [row.website.domain] : [],
    joinedAt: row.joined,
    initiative: row.initiative,
    warnings: warningsFor(row),
  }));

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
