import { Organisation } from '../models/organisation';
import { toSlug } from '../models/searchKey';

/** Name first; on a collision the country is appended, then a counter. `reserved` covers unsaved rows. */
export async function allocateSlug(
  name: string,
  country: string | null,
  reserved: Set<string>,
): Promise<string> {
  const base = toSlug(name);
  const withCountry = country ? `${base}-${country.toLowerCase()}` : base;
  const candidates = [base, withCountry];
  for (let counter = 2; counter < 1000; counter += 1) candidates.push(`${withCountry}-${counter}`);
  for (const candidate of candidates) {
    if (reserved.has(candidate)) continue;
    if (await Organisation.exists({ slug: { $eq: candidate } })) continue;
    reserved.add(candidate);
    return candidate;
  }
  throw new Error(`No free slug for "${name}"`);
}
