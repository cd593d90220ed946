import type { Types } from 'mongoose';
import type { ChangeTransaction } from '../../audit/recordChange';
import { Pledge } from '../../models/pledge';
import { findInitiative, type InitiativeSlug } from '../../reference/initiatives';
import { syncOrganisationDerivedFields } from '../../registry/derivedFields';

export interface PledgeChange {
  organisation: Types.ObjectId;
  initiative: InitiativeSlug;
  commitments: readonly string[];
  statement: string;
  demo?: boolean;
}

export interface PledgeState {
  version: number;
  commitments: string[];
  statement: string;
}

export class UnknownCommitmentError extends Error {
  override name = 'UnknownCommitmentError';
}

/** The commitments in the initiative's own order, each once; throws for a code the initiative lacks. */
export function orderedCommitments(initiative: InitiativeSlug, codes: readonly string[]): string[] {
  const known = findInitiative(initiative)?.commitments.map((commitment) => commitment.code) ?? [];
  const unknown = codes.filter((code) => !known.includes(code));
  if (unknown.length > 0) throw new UnknownCommitmentError(`Unknown commitments for ${initiative}: ${unknown.join(', ')}`);
  return known.filter((code) => codes.includes(code));
}

const sameState = (a: Pick<PledgeState, 'commitments' | 'statement'>, b: Pick<PledgeState, 'commitments' | 'statement'>) =>
  a.statement === b.statement && a.commitments.length === b.commitments.length && a.commitments.every((code) => b.commitments.includes(code));

/**
 * Inside a change: appends a new version (earlier versions stay as history) and refreshes the
 * organisation's directory fields. Returns null when the pledge would not change, so no version is added.
 */
export async function recordPledgeVersion(
  tx: Pick<ChangeTransaction, 'session' | 'now' | 'actor'>,
  change: PledgeChange,
): Promise<{ before: PledgeState | null; after: PledgeState; id: string } | null> {
  const commitments = orderedCommitments(change.initiative, change.commitments);
  const statement = change.statement.trim();
  const current = await Pledge.currentFor(change.organisation, change.initiative).session(tx.session).lean();
  const before = current ? { version: current.version, commitments: current.commitments, statement: current.statement } : null;
  if (before && sameState(before, { commitments, statement })) return null;
  const after = { version: (before?.version ?? 0) + 1, commitments, statement };
  const [created] = await Pledge.create(
    [{ ...after, organisation: change.organisation, initiative: change.initiative, changedBy: tx.actor.label, changedAt: tx.now, demo: change.demo ?? false }],
    { session: tx.session },
  );
  await syncOrganisationDerivedFields(tx, change.organisation);
  return { before, after, id: String(created?._id) };
}
