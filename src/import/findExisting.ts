import { Organisation } from '../models/organisation';
import { identityKeyOf, toSearchKey } from '../models/searchKey';
import type { ResolvedRow } from './mergeOrganisation';

/** Rows without a country match an existing organisation of the same name when exactly one exists. */
export async function findExisting(rows: ResolvedRow[]) {
  const keys = rows.map((row) => identityKeyOf(row.name, row.country));
  const exactMatches = await Organisation.find({ identityKey: { $in: keys } }).lean();
  type Stored = (typeof exactMatches)[number];
  const byIdentity = new Map(exactMatches.map((organisation) => [organisation.identityKey, organisation]));
  const countryless = rows.filter((row) => row.country === null).map((row) => toSearchKey(row.name));
  const byName = new Map<string, Stored[]>();
  if (countryless.length > 0) {
    for (const organisation of await Organisation.find({ searchKey: { $in: countryless } }).lean()) {
      byName.set(organisation.searchKey, [...(byName.get(organisation.searchKey) ?? []), organisation]);
    }
  }
  return rows.map((row, index): Stored | null => {
    const exact = byIdentity.get(keys[index] ?? '');
    if (exact || row.country !== null) return exact ?? null;
    const sameName = byName.get(toSearchKey(row.name)) ?? [];
    return sameName.length === 1 ? (sameName[0] ?? null) : null;
  });
}
