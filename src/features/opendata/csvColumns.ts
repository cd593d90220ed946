import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import type { PresentedOrganisation } from './schemas';

export interface CsvColumn {
  /** Stable: scripts read these names, and the API page documents them. */
  name: string;
  /** The opendata locale key describing the column on the API page. */
  describedBy: string;
  value(organisation: PresentedOrganisation): string;
}

const text = (value: string | null | boolean) => (value === null ? '' : String(value));
const snakeCase = (slug: string) => slug.replace(/-/g, '_');

function initiativeColumns(initiative: (typeof INITIATIVE_SLUGS)[number]): CsvColumn[] {
  const membership = (organisation: PresentedOrganisation) =>
    organisation.memberships.find((item) => item.initiative === initiative);
  const prefix = snakeCase(initiative);
  return [
    {
      name: `${prefix}_status`,
      describedBy: 'membershipStatus',
      value: (organisation) => membership(organisation)?.status ?? '',
    },
    {
      name: `${prefix}_joined_on`,
      describedBy: 'joinedOn',
      value: (organisation) => membership(organisation)?.joinedOn ?? '',
    },
    {
      name: `${prefix}_commitments`,
      describedBy: 'commitments',
      value: (organisation) => membership(organisation)?.commitments.join(';') ?? '',
    },
  ];
}

/** One row per organisation, one column per field, three per initiative (commitments `;`-separated). */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'slug', describedBy: 'slug', value: (o) => o.slug },
  { name: 'name', describedBy: 'name', value: (o) => o.name },
  { name: 'country', describedBy: 'country', value: (o) => text(o.country) },
  { name: 'category', describedBy: 'category', value: (o) => text(o.category) },
  { name: 'sector', describedBy: 'sector', value: (o) => text(o.sector) },
  { name: 'website', describedBy: 'website', value: (o) => text(o.website) },
  { name: 'status', describedBy: 'status', value: (o) => o.status.state },
  { name: 'evidence_level', describedBy: 'evidenceLevel', value: (o) => o.evidenceLevel },
  ...INITIATIVE_SLUGS.flatMap(initiativeColumns),
  { name: 'demo', describedBy: 'demo', value: (o) => text(o.demo) },
  { name: 'profile_url', describedBy: 'profileUrl', value: (o) => o.profileUrl },
];

/** The cells of one organisation's row; the writer neutralises them. */
export function csvRow(organisation: PresentedOrganisation): string[] {
  return CSV_COLUMNS.map((column) => column.value(organisation));
}
