/**
 * The one CSV writer of the registry: the directory download, the audit log and the petition exports all
 * write through it, so they share one convention. RFC 4180 records ended by CRLF, fields quoted only when
 * needed, a UTF-8 byte order mark (spreadsheet programs then read accents as UTF-8, not their local code
 * page), a header row, and every cell neutralised against formula injection. Open data answers add their
 * licence in the Link header (setOpenDataHeaders); private exports have none.
 *
 * Our own writer rather than csv-stringify: given the same 11,226 rows of the 10k-organisation download
 * (and producing the same bytes), csv-stringify took about 110 ms of CPU against 25-30 ms for this writer,
 * and the whole warm 10k download cost the server 630-760 ms of CPU with it against 360-420 ms with this
 * one (bench:opendata, run back to back): too much for the 0.5 s target (README, "Benchmarks"). Rows go
 * straight to text, sent in chunks of a few hundred.
 */
import { Readable } from 'node:stream';
import type { Response } from 'express';

export const BYTE_ORDER_MARK = '\ufeff';

/** A field needs quotes when it holds the delimiter, a quote or a line break (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;
const FORMULA_START = /^[=+\-@\t\r]/;

/** Rows per chunk sent: few enough to keep memory flat, enough to amortise the stream's cost per chunk. */
const ROWS_PER_CHUNK = 200;

/**
 * A cell a spreadsheet would read as a formula (OWASP "CSV injection": it starts with =, +, -, @, a tab or
 * a carriage return) gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One record: every field neutralised, joined by commas, quoted only when needed with quotes doubled. */
export function csvRecord(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const field = neutraliseCell(fields[i] as string);
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(field) ? `"${field.replace(QUOTE, '""')}"` : field;
  }
  return `${line}\r\n`;
}

/** A whole small document (byte order mark, header row, rows), for exports that fit in one answer. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly string[]>): string {
  let text = BYTE_ORDER_MARK + csvRecord(header);
  for (const row of rows) text += csvRecord(row);
  return text;
}

/** Groups records into chunks of ROWS_PER_CHUNK rows, the first led by the byte order mark and header. */
class Chunker {
  private chunk: string;
  private count = 0;

  constructor(header: readonly string[]) {
    this.chunk = BYTE_ORDER_MARK + csvRecord(header);
  }

  /** Adds a row; returns a full chunk to send, or null. */
  add(row: readonly string[]): string | null {
    this.chunk += csvRecord(row);
    if (++this.count < ROWS_PER_CHUNK) return null;
    return this.take();
  }

  take(): string {
    const chunk = this.chunk;
    this.chunk = '';
    this.count = 0;
    return chunk;
  }
}

/**
 * The same document streamed: rows are pulled from `rows` as the client reads, never held whole. Rows
 * already in memory are read synchronously (no promise per row); a cursor's rows asynchronously.
 */
export function csvStream(
  header: readonly string[],
  rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>,
): Readable {
  const chunker = new Chunker(header);
  function* fromIterable(source: Iterable<readonly string[]>) {
    for (const row of source) {
      const chunk = chunker.add(row);
      if (chunk !== null) yield chunk;
    }
    const rest = chunker.take();
    if (rest.length > 0) yield rest;
  }
  async function* fromAsyncIterable(source: AsyncIterable<readonly string[]>) {
    for await (const row of source) {
      const chunk = chunker.add(row);
      if (chunk !== null) yield chunk;
    }
    const rest = chunker.take();
    if (rest.length > 0) yield rest;
  }
  const chunks = Symbol.iterator in rows ? fromIterable(rows) : fromAsyncIterable(rows);
  return Readable.from(chunks, { objectMode: false });
}

/** The answer's type (with its header row declared, RFC 4180 §3) and the file name it downloads as. */
export function setCsvAttachment(res: Response, fileName: string): void {
  res.type('text/csv; charset=utf-8; header=present');
  res.attachment(fileName);
}
