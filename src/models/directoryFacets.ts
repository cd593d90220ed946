import { Organisation } from './organisation';

export interface DirectoryFacets {
  countries: string[];
  categories: string[];
  sectors: string[];
  initiatives: string[];
  commitments: string[];
  evidenceLevels: string[];
  joinedYears: number[];
}

function present<T>(values: readonly (T | null | undefined)[]): T[] {
  return values.filter((value): value is T => value !== null && value !== undefined);
}

/**
 * The values each directory filter can take among active organisations, so a filter that would match
 * nothing is never offered. One distinct per field: cache the result and refresh it on writes.
 */
export async function directoryFacets(): Promise<DirectoryFacets> {
  const active = { 'status.state': 'active' };
  const [countries, categories, sectors, initiatives, commitments, evidenceLevels, joinedYears] =
    await Promise.all([
      Organisation.distinct('country', active),
      Organisation.distinct('category', active),
      Organisation.distinct('sector', active),
      Organisation.distinct('initiatives', active),
      Organisation.distinct('commitments', active),
      Organisation.distinct('evidenceLevel', active),
      Organisation.distinct('joinedYears', active),
    ]);
  const text = (values: readonly unknown[]) =>
    present(values.map((value) => (typeof value === 'string' ? value : null))).sort();
  return {
    countries: text(countries),
    categories: text(categories),
    sectors: text(sectors),
    initiatives: text(initiatives),
    commitments: text(commitments),
    evidenceLevels: text(evidenceLevels),
    joinedYears: present(joinedYears.map((value) => (typeof value === 'number' ? value : null))).sort(
      (a, b) => a - b,
    ),
  };
}
