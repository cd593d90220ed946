import { ImportFileError, readCsv } from '../../src/import/readCsv';
import { genericRowSchema, parisCallRowSchema } from '../../src/import/rowSchemas';

describe('readCsv', () => {
  it('recognises the Paris Call export and numbers lines from the header', () => {
    const csv = readCsv(
      '\uFEFFname,category,nationality,nature,website,twitter,linkedin,date_signed\r\n' +
        'ABB,private-sector,SWE,Entreprise,,,,\r\n"Multi\nline",civil-society,FRA,ONG,,,,\r\nNext,state,FRA,UE,,,,\r\n',
    );
    expect(csv.format).toBe('paris-call');
    expect(csv.records.map((record) => [record.line, record.values.name])).toEqual([
      [2, 'ABB'],
      [3, 'Multi\nline'],
      [5, 'Next'],
    ]);
  });

  it('recognises the generic format with any subset of its columns', () => {
    expect(readCsv('name,joined\nABB,2018-04-17\n').format).toBe('generic');
    expect(readCsv('Name, Country ,Website\nABB,SE,\n').columns).toEqual(['name', 'country', 'website']);
  });

  it('flags empty rows and rows with the wrong number of fields without stopping', () => {
    const csv = readCsv('name,country\nA,FR\n\nB,FR,extra\nC,DE\n');
    expect(csv.records.map((record) => [record.line, record.problem])).toEqual([
      [2, null],
      [3, 'empty row'],
      [4, 'wrong number of fields (the header has 2)'],
      [5, null],
    ]);
  });

  it.each([
    ['binary content', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])],
    ['an empty file', ''],
    ['JSON', '{"name": "ABB", "country": "SE"}'],
    ['an unknown header', 'title,year\nDune,1965\n'],
    ['a broken quote', 'name,country\n"ABB,SE\n'],
  ])('gives one clear error for %s', (_label, content) => {
    expect(() => readCsv(content)).toThrow(ImportFileError);
  });
});

describe('row schemas', () => {
  it('normalises a Paris Call row', () => {
    const row = parisCallRowSchema.parse({
      name: ' The\u00a0Faculty  of Economics ',
      category: 'civil-society',
      nationality: 'ROM',
      nature: 'université ',
      website: 'https://https:www.example.ro',
      twitter: '@x',
      linkedin: '',
      date_signed: '2020-11-25',
    });
    expect(row).toEqual({
      name: 'The Faculty of Economics',
      country: 'RO',
      category: 'civil-society',
      sector: 'academia',
      website: 'https://www.example.ro',
      domains: ['example.ro'],
      joinedAt: new Date('2020-11-25T00:00:00Z'),
      initiative: 'paris-call',
      warnings: ['website repaired to https://www.example.ro'],
    });
  });

  it('reports every problem of a generic row', () => {
    const result = genericRowSchema.safeParse({
      name: '  ',
      country: 'Atlantis',
      category: 'pirates',
      website: 'ftp://example.org',
      joined: '2021-02-30',
      initiative: 'moon-treaty',
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toEqual([
      'name: name is empty',
      'country: unknown country code "Atlantis"',
      'category: unknown category "pirates" (expected state, public-authority, private-sector, civil-society)',
      'website: website must use http or https, not ftp',
      'joined: date "2021-02-30" is not a valid YYYY-MM-DD date',
      'initiative: unknown initiative "moon-treaty"',
    ]);
  });

  it('accepts a generic row with only a name', () => {
    expect(genericRowSchema.parse({ name: 'ABB', joined: '2018-04-17' })).toMatchObject({
      name: 'ABB',
      country: null,
      category: null,
      initiative: null,
      joinedAt: new Date('2018-04-17T00:00:00Z'),
    });
  });
});
