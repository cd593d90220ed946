/** A field needs quotes when it holds the delimiter, a quote or a line break (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** The UTF-8 byte order mark, so spreadsheet programs read accents as UTF-8, not their local code page. */
export const BYTE_ORDER_MARK = '\ufeff';

/** One RFC 4180 record ended by CRLF: fields joined by commas, quoted only when needed, quotes doubled. */
export function csvRecord(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(field) ? `"${field.replace(QUOTE, '""')}"` : field;
  }
  return `${line}\r\n`;
}
