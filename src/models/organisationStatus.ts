import type { Types } from 'mongoose';
import type { OrganisationState } from '../reference/statuses';
import { Organisation } from './organisation';
import { bumpRegistryVersion } from './registryVersion';

export interface StatusChange {
  state: OrganisationState;
  reason: string;
}

/** Sets an organisation's public status; only active organisations are listed in the directory. */
export async function changeOrganisationStatus(
  organisationId: Types.ObjectId,
  change: StatusChange,
): Promise<boolean> {
  const result = await Organisation.updateOne(
    { _id: organisationId },
    { $set: { status: { state: change.state, reason: change.reason, since: new Date() } } },
    { runValidators: true },
  );
  if (result.matchedCount === 0) return false;
  await bumpRegistryVersion();
  return true;
}
