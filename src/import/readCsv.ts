import { parse } from 'csv-parse/sync';

export type CsvFormat = 'paris-call' | 'generic';

export interface CsvRecord {
  line: number;
  values: Record<string, string | undefined>;
  /** Set when the row could not be read as a record (wrong number of fields, empty line). */
  problem: string | null;
}

export interface CsvContent {
  format: CsvFormat;
  columns: string[];
  records: CsvRecord[];
}

/** The whole file is unusable (not a CSV, or not one we know); reported once, no row is touched. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

const PARIS_CALL_COLUMNS = ['name', 'category', 'nationality', 'nature'];
const GENERIC_COLUMNS = ['name', 'country', 'category', 'sector', 'website', 'joined', 'initiative'];

function detectFormat(columns: string[]): CsvFormat {
  if (PARIS_CALL_COLUMNS.every((column) => columns.includes(column))) return 'paris-call';
  const unknown = columns.filter((column) => !GENERIC_COLUMNS.includes(column));
  if (columns.includes('name') && unknown.length === 0) return 'generic';
  throw new ImportFileError(
    `Not a recognised CSV: expected a Paris Call export (${PARIS_CALL_COLUMNS.join(', ')}, …) or the generic ` +
      `columns (${GENERIC_COLUMNS.join(', ')}; name required), found: ${columns.join(', ').slice(0, 200) || 'nothing'}`,
  );
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  return sample.includes('\u0000') || sample.includes('\uFFFD');
}

interface ParsedRecord {
  record: Record<string, string | undefined>;
  info: { lines: number; error?: { code: string } };
  raw: string;
}

function readRecords(text: string): ParsedRecord[] {
  try {
    return parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as ParsedRecord[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportFileError(`Not a readable CSV file: ${message.slice(0, 300)}`);
  }
}

export function readCsv(content: string | Buffer): CsvContent {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.trim() === '') throw new ImportFileError('The file is empty.');
  if (looksBinary(text))
    throw new ImportFileError('Not a CSV file: the content is binary or not UTF-8 text.');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = firstLine.split(',').map((column) => column.replace(/"/g, '').trim().toLowerCase());
  const format = detectFormat(columns);
  const records = readRecords(text).map(({ record, info, raw }): CsvRecord => {
    const extraLines = (raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    const line = info.lines - extraLines;
    const values = Object.values(record);
    if (values.every((value) => value === undefined || value.trim() === '')) {
      return { line, values: record, problem: 'empty row' };
    }
    if (info.error) {
      return { line, values: record, problem: `wrong number of fields (the header has ${columns.length})` };
    }
    return { line, values: record, problem: null };
  });
  return { format, columns, records };
}
