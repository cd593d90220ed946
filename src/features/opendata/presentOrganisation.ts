import type { Category } from '../../reference/categories';
import type { EvidenceLevel } from '../../reference/evidenceLevels';
import { INITIATIVE_SLUGS, type InitiativeSlug } from '../../reference/initiatives';
import type { Sector } from '../../reference/sectors';
import type { MembershipState, OrganisationState } from '../../reference/statuses';
import type { DirectoryEntry } from '../directory/snapshot';
import type { PresentedMembership, PresentedOrganisation } from './schemas';

type When = Date | number | null | undefined;

/** What the presenter needs of an organisation, whether it comes from the read model or the database. */
export interface OrganisationFacts {
  slug: string;
  name: string;
  country: string | null;
  category: Category | null;
  sector: Sector | null;
  website: string | null;
  status: { state: OrganisationState; reason: string; since: When };
  memberships: readonly { initiative: InitiativeSlug; joinedAt: When; status: MembershipState }[];
  /** Current commitment keys, `initiative:code`. */
  commitments: readonly string[];
  evidenceLevel: EvidenceLevel;
  demo: boolean;
}

export interface PresenterContext {
  /** Absolute base of profile links, when the deployment knows its public address. */
  baseUrl: string | undefined;
}

const toDate = (when: When): Date | null => {
  if (when === null || when === undefined) return null;
  const date = typeof when === 'number' ? new Date(when) : when;
  return Number.isNaN(date.getTime()) ? null : date;
};
export const isoDateTime = (when: When): string | null => toDate(when)?.toISOString() ?? null;
export const isoDate = (when: When): string | null => isoDateTime(when)?.slice(0, 10) ?? null;

const initiativeOrder = (slug: string) => INITIATIVE_SLUGS.indexOf(slug as InitiativeSlug);

function presentMemberships(facts: OrganisationFacts): PresentedMembership[] {
  return [...facts.memberships]
    .sort((a, b) => initiativeOrder(a.initiative) - initiativeOrder(b.initiative))
    .map((membership) => {
      const prefix = `${membership.initiative}:`;
      return {
        initiative: membership.initiative,
        status: membership.status,
        joinedOn: isoDate(membership.joinedAt),
        commitments: facts.commitments
          .filter((key) => key.startsWith(prefix))
          .map((key) => key.slice(prefix.length)),
      };
    });
}

/**
 * The one public, language-neutral shape of an organisation: codes rather than labels, ISO dates. The
 * CSV and JSON downloads, the API and the feed all start from it, so they cannot disagree.
 */
export function presentOrganisation(
  facts: OrganisationFacts,
  context: PresenterContext,
): PresentedOrganisation {
  return {
    slug: facts.slug,
    name: facts.name,
    country: facts.country,
    category: facts.category,
    sector: facts.sector,
    website: facts.website,
    status: {
      state: facts.status.state,
      reason: facts.status.reason,
      since: isoDateTime(facts.status.since),
    },
    evidenceLevel: facts.evidenceLevel,
    demo: facts.demo,
    memberships: presentMemberships(facts),
    profileUrl: `${context.baseUrl ?? ''}/signatories/${facts.slug}`,
  };
}

/** A read model entry as facts. Its values were validated by the schema when stored, hence the narrowing. */
export function factsOfEntry(entry: DirectoryEntry): OrganisationFacts {
  return {
    slug: entry.slug,
    name: entry.name,
    country: entry.country,
    category: entry.category as Category | null,
    sector: entry.sector as Sector | null,
    website: entry.website,
    status: { state: entry.status as OrganisationState, reason: entry.statusReason, since: entry.statusSince },
    memberships: entry.memberships as OrganisationFacts['memberships'],
    commitments: entry.commitments,
    evidenceLevel: entry.evidenceLevel as EvidenceLevel,
    demo: entry.demo,
  };
}
