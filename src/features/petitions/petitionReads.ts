import type { Types } from 'mongoose';
import { Organisation } from '../../models/organisation';
import { Petition } from '../../models/petition';
import { PetitionTally } from '../../models/petitionTally';
import { Signature } from '../../models/signature';

export interface CountryCount {
  country: string;
  count: number;
}

export interface PetitionCounts {
  total: number;
  byCountry: CountryCount[];
}

/** Most signatures first, then by country code, so every output lists countries in the same order. */
const byCountDescending = (a: CountryCount, b: CountryCount) => b.count - a.count || a.country.localeCompare(b.country);

export async function findPetition(slug: string) {
  return Petition.findOne({ slug: { $eq: slug } }).lean();
}

export async function listPetitions() {
  return Petition.find({}).sort({ state: -1, openedAt: -1 }).lean();
}

/** Confirmed signatures by country: the sum of each country's tally shards. */
export async function countsOf(petition: Types.ObjectId): Promise<PetitionCounts> {
  const rows = await PetitionTally.aggregate<{ _id: string; count: number }>([
    { $match: { petition } },
    { $group: { _id: '$country', count: { $sum: '$count' } } },
  ]);
  const byCountry = rows
    .filter((row) => row.count > 0)
    .map((row) => ({ country: row._id, count: row.count }))
    .sort(byCountDescending);
  return { total: byCountry.reduce((sum, row) => sum + row.count, 0), byCountry };
}

/** The latest confirmed signers who chose to show their name; nothing else about them. */
export async function publicSigners(petition: Types.ObjectId, limit = 20) {
  return Signature.find(
    { petition, confirmedAt: { $ne: null }, showName: true },
    { _id: 0, name: 1, organisation: 1, country: 1, confirmedAt: 1 },
  )
    .sort({ confirmedAt: -1 })
    .limit(limit)
    .lean();
}

/** The owner's profile slug, when the owner is an organisation of the registry. */
export async function ownerSlugOf(petition: { owner: { organisation?: Types.ObjectId | null } }): Promise<string | null> {
  if (!petition.owner.organisation) return null;
  const organisation = await Organisation.findById(petition.owner.organisation, { slug: 1 }).lean();
  return organisation?.slug ?? null;
}
