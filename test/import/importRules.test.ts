import { importCsv, importFile } from '../../src/import/importCsv';
import { ImportFileError } from '../../src/import/readCsv';
import { Organisation } from '../../src/models/organisation';
import { clearCollections, useDatabase } from '../models/support/database';
import { testWriter } from '../helpers/writer';

useDatabase();
beforeEach(clearCollections);

const PARIS_HEADER = 'name,category,nationality,nature,website,twitter,linkedin,date_signed';

describe('import rules', () => {
  it('rejects bad rows with their line and reason and keeps the others', async () => {
    const report = await importCsv(
      [
        PARIS_HEADER,
        'Good One,private-sector,FRA,Entreprise,https://good.example.com,,,2019-11-12',
        'Bad Country,private-sector,XXX,Entreprise,,,,',
        ',civil-society,FRA,ONG,,,,',
        'Bad Url,civil-society,FRA,ONG,javascript:alert(1),,,',
        'Broken Url,civil-society,FRA,ONG,http://exa mple.com,,,',
        'Good Two,state,DEU,UE,,,,',
      ].join('\n'),
      { writer: testWriter() },
    );
    expect(report).toMatchObject({ rows: 6, created: 2, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      { line: 3, name: 'Bad Country', reason: 'nationality: unknown country code "XXX"' },
      { line: 4, name: null, reason: 'name: name is empty' },
      { line: 5, name: 'Bad Url', reason: 'website: website must use http or https, not javascript' },
      { line: 6, name: 'Broken Url', reason: 'website: website "http://exa mple.com" is not a valid URL' },
    ]);
    expect((await Organisation.find().lean()).map((organisation) => organisation.name).sort()).toEqual([
      'Good One',
      'Good Two',
    ]);
  });

  it('writes nothing on a dry run but reports what would happen', async () => {
    const report = await importCsv(
      `${PARIS_HEADER}\nDry Co,private-sector,FRA,Entreprise,,,,\nDry Co,private-sector,FRA,Entreprise,,,,\n`,
      {
        dryRun: true,
      },
    );
    expect(report).toMatchObject({ dryRun: true, rows: 2, created: 1 });
    expect(report.rejected).toEqual([{ line: 3, name: 'Dry Co', reason: 'duplicate of line 2' }]);
    expect(await Organisation.countDocuments()).toBe(0);
  });

  it('gives one clear error for a file that is not a CSV', async () => {
    await expect(
      importCsv(Buffer.from('%PDF-1.7\n\u0000\u0001binary'), { writer: testWriter() }),
    ).rejects.toThrow(ImportFileError);
    await expect(importCsv('<html><body>hello</body></html>', { writer: testWriter() })).rejects.toThrow(
      /Not a recognised CSV/,
    );
    await expect(importFile('/nonexistent/supporters.csv', { writer: testWriter() })).rejects.toThrow(
      'No such file: /nonexistent/supporters.csv',
    );
    await expect(
      importCsv(`${PARIS_HEADER}\nX,state,FRA,UE,,,,\n`, { initiative: 'tech-accord' }),
    ).rejects.toThrow('This is a Paris Call export; it cannot be imported into tech-accord.');
    expect(await Organisation.countDocuments()).toBe(0);
  });

  it('imports the generic format and updates instead of duplicating', async () => {
    const csv = [
      'name,country,category,sector,website,joined,initiative',
      'Société Générale,FR,private-sector,company,https://www.societegenerale.com/,2019-05-02,paris-call',
      'Open Lab,DE,civil-society,research,,2020-01-10,tech-accord',
      'No Initiative,DE,civil-society,research,,,',
    ].join('\n');
    const first = await importCsv(csv, { writer: testWriter() });
    expect(first).toMatchObject({ format: 'generic', created: 2 });
    expect(first.rejected).toEqual([
      { line: 4, name: 'No Initiative', reason: 'no initiative: add an initiative column or choose one' },
    ]);
    const stored = await Organisation.findBySlug('societe-generale').lean();
    expect(stored).toMatchObject({
      searchKey: 'societe generale',
      country: 'FR',
      website: 'https://www.societegenerale.com',
      domains: ['societegenerale.com'],
      initiatives: ['paris-call'],
      joinedYears: [2019],
    });

    const changed = await importCsv(
      csv.replace('2019-05-02', '2019-06-01').replace('No Initiative,DE', 'Third,DE'),
      { writer: testWriter(), initiative: 'paris-call' },
    );
    expect(changed).toMatchObject({ created: 1, updated: 1, unchanged: 1, rejected: [] });
    expect(changed.changes).toEqual([
      { line: 2, name: 'Société Générale', message: 'memberships, firstJoinedAt' },
    ]);
    expect(await Organisation.countDocuments()).toBe(3);
  });

  it('gives a colliding name a slug with the country', async () => {
    await importCsv(
      'name,country,initiative\nAtlas,FR,paris-call\nAtlas,DE,paris-call\nAtlas,,paris-call\n',
      {
        writer: testWriter(),
      },
    );
    const slugs = (await Organisation.find().lean()).map((organisation) => organisation.slug).sort();
    expect(slugs).toEqual(['atlas', 'atlas-de', 'atlas-int']);
  });
});
