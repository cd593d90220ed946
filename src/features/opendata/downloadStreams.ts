import { Readable } from 'node:stream';
import type { DirectorySnapshot } from '../directory/snapshot';
import { CSV_COLUMNS, csvRow } from './csvColumns';
import { BYTE_ORDER_MARK, csvRecord } from './csvText';
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
 * RFC 4180 CSV: a byte order mark, a header row, CRLF line ends, fields quoted when needed. Rows are
 * written straight to text and sent BATCH at a time, so a row costs its presenter and a string join.
 */
export function csvDownload(
  snapshot: DirectorySnapshot,
  positions: readonly number[],
  context: PresenterContext,
): Readable {
  function* chunks() {
    let batch = BYTE_ORDER_MARK + csvRecord(CSV_COLUMNS.map((column) => column.name));
    let rows = 0;
    for (const organisation of presented(snapshot, positions, context)) {
      batch += csvRecord(csvRow(organisation));
      if (++rows === BATCH) {
        yield batch;
        batch = '';
        rows = 0;
      }
    }
    if (batch.length > 0) yield batch;
  }
  return Readable.from(chunks(), { objectMode: false });
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
