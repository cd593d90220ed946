import type { Types } from 'mongoose';
import type { ChangeTransaction } from '../audit/recordChange';
import { Evidence } from '../models/evidence';
import { Organisation } from '../models/organisation';
import { Pledge } from '../models/pledge';
import { evidenceLevelOf, type EvidenceLevel } from '../reference/evidenceLevels';
import { commitmentKey, type InitiativeSlug } from '../reference/initiatives';
import type { MembershipState } from '../reference/statuses';

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

export interface DerivedFields extends MembershipSummary {
  commitments: string[];
  evidenceLevel: EvidenceLevel;
}

/**
 * Recomputes every denormalised directory field of one organisation, inside the change that affected them
 * (a pledge, evidence, memberships); the audited write helper then bumps the registry version once.
 */
export async function syncOrganisationDerivedFields(
  tx: Pick<ChangeTransaction, 'session'>,
  organisationId: Types.ObjectId,
): Promise<DerivedFields | null> {
  const { session } = tx;
  const organisation = await Organisation.findById(organisationId, { memberships: 1 }).session(session).lean();
  if (!organisation) return null;
  const summary = summariseMemberships(organisation.memberships);
  const commitments: string[] = [];
  for (const initiative of summary.initiatives) {
    const pledge = await Pledge.currentFor(organisationId, initiative).session(session).lean();
    for (const code of pledge?.commitments ?? []) commitments.push(commitmentKey(initiative, code));
  }
  const evidence = await Evidence.find({ organisation: organisationId }, { status: 1 }).session(session).lean();
  const derived: DerivedFields = {
    ...summary,
    commitments: commitments.sort(),
    evidenceLevel: evidenceLevelOf(evidence.map((item) => item.status)),
  };
  await Organisation.updateOne({ _id: organisationId }, { $set: derived }, { session });
  return derived;
}
