import type { Types } from 'mongoose';
import { findInitiative, type InitiativeSlug } from '../reference/initiatives';
import { syncOrganisationDerivedFields } from './derivedFields';
import { Pledge } from './pledge';

export interface PledgeChange {
  organisation: Types.ObjectId;
  initiative: InitiativeSlug;
  commitments: string[];
  statement: string;
  changedBy: string;
  demo?: boolean;
}

/** Appends a new version (previous versions stay as history) and refreshes the organisation's directory fields. */
export async function recordPledgeVersion(change: PledgeChange) {
  const known = new Set(findInitiative(change.initiative)?.commitments.map((commitment) => commitment.code));
  const unknown = change.commitments.filter((code) => !known.has(code));
  if (unknown.length > 0)
    throw new Error(`Unknown commitments for ${change.initiative}: ${unknown.join(', ')}`);
  const current = await Pledge.currentFor(change.organisation, change.initiative).lean();
  const pledge = await Pledge.create({
    ...change,
    commitments: [...new Set(change.commitments)],
    version: (current?.version ?? 0) + 1,
    changedAt: new Date(),
  });
  await syncOrganisationDerivedFields(change.organisation);
  return pledge;
}
