import { Organisation } from '../../src/models/organisation';
import { directoryFilter, directorySort, type DirectoryFilters } from '../../src/models/directoryQuery';
import { importCsv } from '../../src/import/importCsv';
import { useDatabase } from './support/database';
import { testWriter } from '../helpers/writer';

useDatabase();

beforeAll(async () => {
  await importCsv(
    [
      'name,country,category,sector,website,joined,initiative',
      'Société Générale,FR,private-sector,company,,2019-05-02,paris-call',
      'Societe Civile Numerique,FR,civil-society,non-profit,,2020-01-10,paris-call',
      'General Dynamics,US,private-sector,company,,2018-11-12,paris-call',
      'Atlas Générale,DE,private-sector,company,,2021-03-01,tech-accord',
      'Open Lab,DE,civil-society,research,,,tech-accord',
    ].join('\n'),
    { writer: testWriter() },
  );
  await Organisation.updateOne({ searchKey: 'open lab' }, { $set: { 'status.state': 'withdrawn' } });
});

async function names(filters: DirectoryFilters, sort: 'name' | 'joined' | 'country' = 'name') {
  const found = await Organisation.find(directoryFilter(filters)).sort(directorySort(sort)).lean();
  return found.map((organisation) => organisation.name);
}

describe('directory query', () => {
  it('searches word prefixes, ignoring case and accents', async () => {
    expect(await names({ search: 'societe generale' })).toEqual(['Société Générale']);
    expect(await names({ search: 'GÉN' })).toEqual([
      'Atlas Générale',
      'General Dynamics',
      'Société Générale',
    ]);
    expect(await names({ search: 'erale' })).toEqual([]);
  });

  it('folds punctuation away, so no regular expression syntax reaches the query', async () => {
    expect(await names({ search: '.*' })).toHaveLength(4);
    expect(await names({ search: 'a(' })).toEqual(['Atlas Générale']);
  });

  it('combines filters and leaves out inactive organisations', async () => {
    expect(await names({ category: 'private-sector', initiative: 'paris-call' })).toEqual([
      'General Dynamics',
      'Société Générale',
    ]);
    expect(await names({ country: 'DE' })).toEqual(['Atlas Générale']);
    expect(await names({ joinedYear: 2019, search: 'soc' })).toEqual(['Société Générale']);
    expect(await names({ sector: 'research' })).toEqual([]);
  });

  it('sorts by join date and by country', async () => {
    expect(await names({}, 'joined')).toEqual([
      'Atlas Générale',
      'Societe Civile Numerique',
      'Société Générale',
      'General Dynamics',
    ]);
    expect(await names({}, 'country')).toEqual([
      'Atlas Générale',
      'Societe Civile Numerique',
      'Société Générale',
      'General Dynamics',
    ]);
  });
});
