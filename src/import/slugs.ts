import { Organisation } from '../models/organisation';
import { toSlug } from '../models/searchKey';

function candidatesFor(name: string, country: string | null): string[] {
  const base = toSlug(name);
  const withCountry = country ? `${base}-${country.toLowerCase()}` : `${base}-int`;
  return [base, withCountry];
}

/**
 * Slugs come from the name; on a collision the country is appended, then a counter. Taken slugs are
 * fetched once per batch; `reserved` also holds the slugs given to rows not yet saved.
 */
export class SlugAllocator {
  private readonly taken = new Set<string>();

  async prefetch(rows: { name: string; country: string | null }[]): Promise<void> {
    const candidates = rows.flatMap((row) => candidatesFor(row.name, row.country));
    if (candidates.length === 0) return;
    const existing = await Organisation.find({ slug: { $in: candidates } }, { slug: 1 }).lean();
    for (const { slug } of existing) this.taken.add(slug);
  }

  async allocate(name: string, country: string | null): Promise<string> {
    const [base = toSlug(name), withCountry = base] = candidatesFor(name, country);
    for (const candidate of [base, withCountry]) {
      if (!this.taken.has(candidate)) return this.claim(candidate);
    }
    for (let counter = 2; counter < 10_000; counter += 1) {
      const candidate = `${withCountry}-${counter}`;
      if (this.taken.has(candidate)) continue;
      if (await Organisation.exists({ slug: { $eq: candidate } })) {
        this.taken.add(candidate);
        continue;
      }
      return this.claim(candidate);
    }
    throw new Error(`No free slug for "${name}"`);
  }

  private claim(slug: string): string {
    this.taken.add(slug);
    return slug;
  }
}
