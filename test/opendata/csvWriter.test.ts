import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { csvDocument, csvRecord, csvStream } from '../../src/features/opendata/csvWriter';

describe('CSV records', () => {
  it('quote only the fields that need it and double their quotes', () => {
    expect(csvRecord(['plain', '', 'Société'])).toBe('plain,,Société\r\n');
    expect(csvRecord(['a,b', 'say "hi"', 'two\r\nlines', 'cr\ronly', 'lf\nonly'])).toBe(
      '"a,b","say ""hi""","two\r\nlines","cr\ronly","lf\nonly"\r\n',
    );
  });

  it('neutralise every cell a spreadsheet would read as a formula', () => {
    expect(csvRecord(['=1+1', '+33 1', '-2', '@SUM(A1)', '\tx', '\rx', "'=kept", 'a=b'])).toBe(
      "'=1+1,'+33 1,'-2,'@SUM(A1),'\tx,\"'\rx\",'=kept,a=b\r\n",
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

/** The stream's text as sent (a TextDecoder would drop the byte order mark). */
async function sent(stream: Readable): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(String(chunk));
  return chunks;
}

describe('CSV documents', () => {
  const header = ['name', 'country'];
  const rows = Array.from({ length: 450 }, (_, i) => [i === 7 ? '=HYPERLINK("x")' : `Org ${i}, Ltd`, 'FR']);

  it('start with a byte order mark and the header row', () => {
    expect(csvDocument(header, [['Société', 'FR']])).toBe('\ufeffname,country\r\nSociété,FR\r\n');
  });

  it('stream the same text, from rows in memory or from an asynchronous source, in several chunks', async () => {
    const expected = csvDocument(header, rows);
    async function* fromCursor() {
      for (const row of rows) yield await Promise.resolve(row);
    }
    const chunks = await sent(csvStream(header, rows));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(expected);
    expect((await sent(csvStream(header, fromCursor()))).join('')).toBe(expected);
    expect(await sent(csvStream(header, []))).toEqual(['\ufeffname,country\r\n']);
    const parsed = parse(expected, { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(450);
    expect(parsed[7]?.['name']).toBe('\'=HYPERLINK("x")');
  });
});
