import type { Category } from '../../reference/categories';
import type { EvidenceLevel } from '../../reference/evidenceLevels';
import type { Sector } from '../../reference/sectors';
import type { loadProfile } from '../directory/profile';
import { activityPath } from '../activities/activityView';
import { presentRelationship } from './presentRelationship';
import { isoDate, presentOrganisation, type OrganisationFacts, type PresenterContext } from './presentOrganisation';
import type { PresentedProfile } from './schemas';

type Profile = NonNullable<Awaited<ReturnType<typeof loadProfile>>>;
type StoredResult = NonNullable<Profile['evidence'][number]['latestResult']>;

/** A stored organisation as facts; enum fields were validated by the Mongoose schema when written. */
export function factsOfDocument(organisation: Profile['organisation']): OrganisationFacts {
  return {
    slug: organisation.slug,
    name: organisation.name,
    country: organisation.country ?? null,
    category: (organisation.category ?? null) as Category | null,
    sector: (organisation.sector ?? null) as Sector | null,
    website: organisation.website ?? null,
    status: {
      state: organisation.status.state,
      reason: organisation.status.reason,
      since: organisation.status.since ?? null,
    },
    memberships: organisation.memberships.map(({ initiative, joinedAt, status }) => ({
      initiative,
      joinedAt,
      status,
    })),
    commitments: organisation.commitments,
    evidenceLevel: organisation.evidenceLevel as EvidenceLevel,
    demo: organisation.demo,
  };
}

function presentResult(result: StoredResult) {
  return {
    status: result.status,
    level: result.level ?? null,
    problems: [...result.problems],
    checkedAt: result.checkedAt.toISOString(),
  };
}

/** The organisation as every format shows it, plus its full pledge history and evidence results. */
export function presentProfile(profile: Profile, context: PresenterContext): PresentedProfile {
  const { organisation, pledges, evidence } = profile;
  const currentVersion = new Map<string, number>();
  for (const pledge of pledges)
    currentVersion.set(
      pledge.initiative,
      Math.max(pledge.version, currentVersion.get(pledge.initiative) ?? 0),
    );
  return {
    ...presentOrganisation(factsOfDocument(organisation), context),
    description: organisation.description,
    relationships: profile.relationships.map((relationship) => presentRelationship(relationship, context)),
    coSignedStatements: profile.statements.map((statement) => ({
      initiative: statement.initiative,
      slug: statement.slug,
      title: statement.title,
      date: isoDate(statement.date),
      url: `${context.baseUrl ?? ''}${activityPath(statement)}`,
    })),
    pledges: pledges.map((pledge) => ({
      initiative: pledge.initiative,
      version: pledge.version,
      current: currentVersion.get(pledge.initiative) === pledge.version,
      commitments: [...pledge.commitments],
      statement: pledge.statement,
      changedBy: pledge.changedBy,
      changedAt: pledge.changedAt.toISOString(),
      demo: pledge.demo,
    })),
    evidence: evidence.map((item) => ({
      kind: item.kind,
      subject: item.subject,
      commitment: item.commitment ?? null,
      status: item.status,
      latestResult: item.latestResult ? presentResult(item.latestResult) : null,
      history: item.history.map(presentResult),
      demo: item.demo,
    })),
    measuredByRegistry: profile.measured.map((item) => ({
      domain: item.domain,
      origin: item.origin,
      check: item.check,
      latestResult: item.latestResult ? presentResult(item.latestResult) : null,
      history: item.history.map(presentResult),
    })),
  };
}
