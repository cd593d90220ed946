import { Readable } from 'node:stream';
import type { DirectorySnapshot } from '../directory/snapshot';
import { CSV_COLUMNS, csvRow } from './csvColumns';
import { csvStream } from './csvWriter';
import { factsOfEntry, presentOrganisation, type PresenterContext } from './presentOrganisation';
import type { PresentedOrganisation } from './schemas';

/** JSON objects are sent in batches of this many: few enough to keep memory flat, enough to amortise the stream. */
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

/** The directory download: one row per organisation, the columns documented on the API page. */
export function csvDownload(
  snapshot: DirectorySnapshot,
  positions: readonly number[],
  context: PresenterContext,
): Readable {
  function* rows() {
    for (const organisation of presented(snapshot, positions, context)) yield csvRow(organisation);
  }
  return csvStream(
    CSV_COLUMNS.map((column) => column.name),
    rows(),
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
