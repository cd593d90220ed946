import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { neutraliseCell } from '../opendata/csvColumns';
import type { ListedAuditEvent } from './auditLogQuery';

export const AUDIT_CSV_COLUMNS = [
  'at',
  'action',
  'actor',
  'actor_kind',
  'actor_role',
  'subject_kind',
  'subject_id',
  'organisation',
  'organisation_slug',
  'before',
  'after',
  'request_id',
  'ip',
] as const;

const json = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value));

/** One event as CSV cells; every cell is neutralised, since labels, names and details come from people. */
export function auditCsvRow(event: ListedAuditEvent): string[] {
  return [
    event.at.toISOString(),
    event.action,
    event.actor.label,
    event.actor.kind,
    event.actor.role ?? '',
    event.subject?.kind ?? '',
    event.subject?.id ?? '',
    event.organisation?.name ?? '',
    event.organisation?.slug ?? '',
    json(event.before),
    json(event.after),
    event.requestId ?? '',
    event.ip ?? '',
  ].map(neutraliseCell);
}

/** RFC 4180 CSV with a UTF-8 byte order mark, as the open-data download; rows pulled from the source one by one. */
export function auditCsv(events: AsyncIterable<ListedAuditEvent>): Readable {
  async function* rows() {
    for await (const event of events) yield auditCsvRow(event);
  }
  return Readable.from(rows()).pipe(
    stringify({ bom: true, header: true, columns: [...AUDIT_CSV_COLUMNS], record_delimiter: 'windows' }),
  );
}
