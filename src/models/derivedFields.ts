import type { Types } from 'mongoose';
import { commitmentKey, type InitiativeSlug } from '../reference/initiatives';
import { evidenceLevelOf, type EvidenceLevel } from '../reference/evidenceLevels';
import type { MembershipState } from '../reference/statuses';
import { Evidence } from './evidence';
import { Organisation } from './organisation';
import { Pledge } from './pledge';
import { bumpRegistryVersion } from './registryVersion';

export interface MembershipLike {
  initiative: InitiativeSlug;
  joinedAt?: Date | null;
  status: MembershipState;
}

export interface MembershipSummary {
  initiatives: InitiativeSlug[];
  joinedYears: number[];
  firstJoinedAt: Date | null;
}

/** The directory fields that follow from memberships alone (active memberships only). */
export function summariseMemberships(memberships: readonly MembershipLike[]): MembershipSummary {
  const active = memberships.filter((membership) => membership.status === 'active');
  const dates = active
    .map((membership) => membership.joinedAt)
    .filter((date): date is Date => date instanceof Date)
    .sort((a, b) => a.getTime() - b.getTime());
  return {
    initiatives: [...new Set(active.map((membership) => membership.initiative))].sort(),
    joinedYears: [...new Set(dates.map((date) => date.getUTCFullYear()))].sort((a, b) => a - b),
    firstJoinedAt: dates[0] ?? null,
  };
}

interface DerivedFields extends MembershipSummary {
  commitments: string[];
  evidenceLevel: EvidenceLevel;
}

/** Recomputes every denormalised directory field of one organisation; call after any write that affects them. */
export async function syncOrganisationDerivedFields(
  organisationId: Types.ObjectId,
): Promise<DerivedFields | null> {
  const organisation = await Organisation.findById(organisationId, { memberships: 1 }).lean();
  if (!organisation) return null;
  const summary = summariseMemberships(organisation.memberships);
  const commitments: string[] = [];
  for (const initiative of summary.initiatives) {
    const pledge = await Pledge.currentFor(organisationId, initiative).lean();
    for (const code of pledge?.commitments ?? []) commitments.push(commitmentKey(initiative, code));
  }
  const evidence = await Evidence.find({ organisation: organisationId }, { status: 1 }).lean();
  const derived: DerivedFields = {
    ...summary,
    commitments: commitments.sort(),
    evidenceLevel: evidenceLevelOf(evidence.map((item) => item.status)),
  };
  await Organisation.updateOne({ _id: organisationId }, { $set: derived });
  await bumpRegistryVersion();
  return derived;
}
