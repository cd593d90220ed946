import { Readable } from 'node:stream';
import { csvStream } from '../opendata/csvWriter';
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

/** One event as CSV cells (the writer neutralises every cell: labels, names and details come from people). */
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
  ];
}

/** The audit log's CSV, written as every CSV of the registry is; rows pulled from the cursor as the client reads. */
export function auditCsv(events: AsyncIterable<ListedAuditEvent>): Readable {
  async function* rows() {
    for await (const event of events) yield auditCsvRow(event);
  }
  return csvStream(AUDIT_CSV_COLUMNS, rows());
}
