import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { DirectorySnapshot } from '../directory/snapshot';
import { CSV_COLUMNS, csvRow } from './csvColumns';
import { factsOfEntry, presentOrganisation, type PresenterContext } from './presentOrganisation';
import type { PresentedOrganisation } from './schemas';

/** Rows are produced in batches of this many: few enough to keep memory flat, enough to amortise the stream. */
const BATCH = 200;

function* presented(
  snapshot: DirectorySnapshot,
  positions: readonly number[],
  context: PresenterContext,
): Generator<PresentedOrganisation> {
  for (const position of positions) {
    const entry = snapshot.entries[position];
    if (entry) yield presentOrganisation(factsOfEntry(entry), context);
  }
}

/**
 * RFC 4180 CSV: CRLF line ends, a header row, fields quoted when needed. A UTF-8 byte order mark first,
 * so spreadsheet programs read accents as UTF-8 rather than their local code page. Pulled row by row.
 */
export function csvDownload(
  snapshot: DirectorySnapshot,
  positions: readonly number[],
  context: PresenterContext,
): Readable {
  function* rows() {
    for (const organisation of presented(snapshot, positions, context)) yield csvRow(organisation);
  }
  return Readable.from(rows(), { highWaterMark: BATCH }).pipe(
    stringify({
      bom: true,
      header: true,
      columns: CSV_COLUMNS.map((column) => column.name),
      record_delimiter: 'windows',
    }),
  );
}

export interface JsonDownloadHead {
  licence: { name: string; url: string };
  generatedAt: string;
  query: string;
  total: number;
}

/** The download's envelope then each organisation, written as text in batches and never held whole. */
export function jsonDownload(
  snapshot: DirectorySnapshot,
  positions: readonly number[],
  head: JsonDownloadHead,
  context: PresenterContext,
): Readable {
  function* chunks() {
    const opening = JSON.stringify({ ...head, organisations: [] });
    yield opening.slice(0, -2);
    let batch: string[] = [];
    let first = true;
    for (const organisation of presented(snapshot, positions, context)) {
      batch.push(JSON.stringify(organisation));
      if (batch.length === BATCH) {
        yield `${first ? '' : ','}${batch.join(',')}`;
        first = false;
        batch = [];
      }
    }
    if (batch.length > 0) yield `${first ? '' : ','}${batch.join(',')}`;
    yield ']}';
  }
  return Readable.from(chunks(), { objectMode: false });
}
