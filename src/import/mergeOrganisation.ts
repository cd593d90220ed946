import type { InitiativeSlug } from '../reference/initiatives';
import type { MembershipState } from '../reference/statuses';
import { summariseMemberships } from '../registry/derivedFields';
import { identityKeyOf, toSearchKey } from '../models/searchKey';
import type { OrganisationRow } from './rowSchemas';

/** A validated row whose initiative is settled (from the row, the command line, or the file format). */
export interface ResolvedRow extends OrganisationRow {
  initiative: InitiativeSlug;
}

interface Membership {
  initiative: InitiativeSlug;
  joinedAt: Date | null;
  status: MembershipState;
}

/** The stored fields the importer reads and may write. */
export interface ExistingOrganisation {
  category?: string | null;
  sector?: string | null;
  website?: string | null;
  domains: string[];
  memberships: { initiative: InitiativeSlug; joinedAt?: Date | null; status: MembershipState }[];
}

export function newOrganisationFields(row: ResolvedRow) {
  const memberships: Membership[] = [
    { initiative: row.initiative, joinedAt: row.joinedAt, status: 'active' },
  ];
  return {
    name: row.name,
    searchKey: toSearchKey(row.name),
    identityKey: identityKeyOf(row.name, row.country),
    country: row.country,
    category: row.category,
    sector: row.sector,
    website: row.website,
    domains: row.domains,
    memberships,
    origin: 'import' as const,
    ...summariseMemberships(memberships),
  };
}

function mergeMemberships(existing: ExistingOrganisation['memberships'], row: ResolvedRow): Membership[] {
  const memberships: Membership[] = existing.map((membership) => ({
    initiative: membership.initiative,
    joinedAt: membership.joinedAt ?? null,
    status: membership.status,
  }));
  const current = memberships.find((membership) => membership.initiative === row.initiative);
  if (!current) memberships.push({ initiative: row.initiative, joinedAt: row.joinedAt, status: 'active' });
  else if (row.joinedAt) current.joinedAt = row.joinedAt;
  return memberships;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * What a re-import changes: values the row gives replace stored ones, values it leaves empty keep what is
 * stored (a later edit by the secretariat is not erased by an older export). Name and country are identity.
 */
export function organisationChanges(
  existing: ExistingOrganisation,
  row: ResolvedRow,
): Record<string, unknown> {
  const memberships = mergeMemberships(existing.memberships, row);
  const wanted: Record<string, unknown> = {
    category: row.category ?? existing.category ?? null,
    sector: row.sector ?? existing.sector ?? null,
    website: row.website ?? existing.website ?? null,
    domains: [...new Set([...existing.domains, ...row.domains])],
    memberships,
    ...summariseMemberships(memberships),
  };
  const current: Record<string, unknown> = {
    category: existing.category ?? null,
    sector: existing.sector ?? null,
    website: existing.website ?? null,
    domains: existing.domains,
    memberships: existing.memberships.map((membership) => ({
      initiative: membership.initiative,
      joinedAt: membership.joinedAt ?? null,
      status: membership.status,
    })),
    ...summariseMemberships(existing.memberships),
  };
  return Object.fromEntries(Object.entries(wanted).filter(([field, value]) => !same(value, current[field])));
}
