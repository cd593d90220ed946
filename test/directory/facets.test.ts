import { directoryFilter, type DirectoryFilters } from '../../src/models/directoryQuery';
import { Organisation } from '../../src/models/organisation';
import { parseDirectoryQuery } from '../../src/features/directory/query';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

type FilterKey = Exclude<keyof DirectoryFilters, 'search'>;
const SELECTS: Record<string, { key: FilterKey; field: string }> = {
  initiative: { key: 'initiative', field: 'initiatives' },
  country: { key: 'country', field: 'country' },
  category: { key: 'category', field: 'category' },
  sector: { key: 'sector', field: 'sector' },
  commitment: { key: 'commitment', field: 'commitments' },
  evidence: { key: 'evidenceLevel', field: 'evidenceLevel' },
  year: { key: 'joinedYear', field: 'joinedYears' },
};

interface Option {
  value: string;
  count: number;
  selected: boolean;
}

function optionsOf(html: string, name: string): Option[] {
  const select = new RegExp(`<select[^>]*name="${name}">([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"( selected)?>[^<]*\((\d+)\)<\/option>/g)].map(
    (match) => ({ value: match[1] ?? '', selected: match[2] !== undefined, count: Number(match[3]) }),
  );
}

async function directCount(filters: DirectoryFilters, key: FilterKey, value: string): Promise<number> {
  const withValue = { ...filters, [key]: key === 'joinedYear' ? Number(value) : value };
  return Organisation.countDocuments(directoryFilter(withValue));
}

async function everyValue(field: string): Promise<string[]> {
  const values: unknown[] = await Organisation.distinct(field, { 'status.state': 'active' });
  return values.filter((value) => value !== null).map(String);
}

const queries = [
  '',
  'country=FR',
  'initiative=paris-call&category=private-sector',
  'q=de',
  'q=de&initiative=paris-call&year=2019',
  'initiative=tech-accord&commitment=tech-accord:stronger-defence&evidence=verified',
];

describe('filter options', () => {
  it.each(queries)(
    '?%s offers each value that gives results with the other choices, with its exact count',
    async (queryText) => {
      const html = (await testApp.agent().get(`/signatories?${queryText}&lang=en`)).text;
      const filters = parseDirectoryQuery(Object.fromEntries(new URLSearchParams(queryText))).query.filters;
      for (const [name, { key, field }] of Object.entries(SELECTS)) {
        const options = optionsOf(html, name);
        const offered = new Map(options.map((option) => [option.value, option.count]));
        for (const value of await everyValue(field)) {
          const expected = await directCount(filters, key, value);
          const isChosen = String(filters[key]) === value;
          if (expected > 0 || isChosen)
            expect([name, value, offered.get(value)]).toEqual([name, value, expected]);
          else expect([name, value, offered.has(value)]).toEqual([name, value, false]);
        }
      }
    },
  );

  it('keeps the chosen value, selected and counted, when it gives no result', async () => {
    const html = (await testApp.agent().get('/signatories?country=FR&sector=academia&lang=en')).text;
    expect(optionsOf(html, 'sector')).toContainEqual({ value: 'academia', count: 0, selected: true });
    expect(optionsOf(html, 'country')).toEqual(
      expect.arrayContaining([
        { value: 'CH', count: 1, selected: false },
        { value: 'FR', count: 0, selected: true },
      ]),
    );
    expect(optionsOf(html, 'country')).toHaveLength(2);
  });

  it('writes the counts in the reader’s language', async () => {
    const html = (await testApp.agent().get('/signatories?lang=fr')).text;
    expect(html).toMatch(/<option value="FR">🇫🇷 [^<]*France \(3\)<\/option>/);
  });
});
