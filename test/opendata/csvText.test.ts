import { parse } from 'csv-parse/sync';
import { csvRecord } from '../../src/features/opendata/csvText';

describe('CSV records', () => {
  it('quote only the fields that need it and double their quotes', () => {
    expect(csvRecord(['plain', '', 'Société'])).toBe('plain,,Société\r\n');
    expect(csvRecord(['a,b', 'say "hi"', 'two\r\nlines', 'cr\ronly', 'lf\nonly'])).toBe(
      '"a,b","say ""hi""","two\r\nlines","cr\ronly","lf\nonly"\r\n',
    );
  });

  it('read back by a CSV parser as the same fields', () => {
    const rows = [
      ['name', 'note'],
      ['"Quoted", Inc.', 'line one\r\nline two'],
      ["'=1+1", ''],
    ];
    const text = rows.map(csvRecord).join('');
    expect(parse(text, { record_delimiter: '\r\n', relax_quotes: false })).toEqual(rows);
  });
});
