import type { Types } from 'mongoose';
import { Application, OPEN_APPLICATION_STATES } from '../../models/application';
import { Organisation } from '../../models/organisation';

export interface DuplicateFlags {
  organisations: { slug: string; name: string; reason: 'name' | 'domain' }[];
  applications: { id: string; name: string; reason: 'name' | 'domain' }[];
}

/** Organisations and pending applications with the same normalised name and country, or the same domain. */
export async function findDuplicates(application: {
  _id: Types.ObjectId;
  identityKey: string;
  domain: string;
}): Promise<DuplicateFlags> {
  const [organisations, applications] = await Promise.all([
    Organisation.find(
      { $or: [{ identityKey: { $eq: application.identityKey } }, { domains: { $eq: application.domain } }] },
      { slug: 1, name: 1, identityKey: 1 },
    )
      .limit(20)
      .lean(),
    Application.find(
      {
        _id: { $ne: application._id },
        state: { $in: OPEN_APPLICATION_STATES },
        $or: [{ identityKey: { $eq: application.identityKey } }, { domain: { $eq: application.domain } }],
      },
      { name: 1, identityKey: 1 },
    )
      .limit(20)
      .lean(),
  ]);
  const reason = (identityKey: string) => (identityKey === application.identityKey ? 'name' : 'domain') as 'name' | 'domain';
  return {
    organisations: organisations.map((item) => ({ slug: item.slug, name: item.name, reason: reason(item.identityKey) })),
    applications: applications.map((item) => ({ id: String(item._id), name: item.name, reason: reason(item.identityKey) })),
  };
}
