import { readFile } from 'node:fs/promises';
import type { Actor } from '../audit/actor';
import type { AuditDetails, RecordChange } from '../audit/recordChange';
import { Organisation } from '../models/organisation';
import { findInitiative, type InitiativeSlug } from '../reference/initiatives';
import { identityKeyOf } from '../models/searchKey';
import { findExisting } from './findExisting';
import { newOrganisationFields, organisationChanges, type ResolvedRow } from './mergeOrganisation';
import { ImportFileError, readCsv, type CsvFormat, type CsvRecord } from './readCsv';
import { emptyReport, type ImportProgress, type ImportReport } from './report';
import { describeIssues, genericRowSchema, parisCallRowSchema } from './rowSchemas';
import { SlugAllocator } from './slugs';

/** Who imports, and the audited write path their changes take (not needed for a dry run). */
export interface ImportWriter {
  recordChange: RecordChange;
  actor: Actor;
}

export interface ImportOptions {
  writer?: ImportWriter;
  /** Initiative for rows that do not name one (Paris Call exports always mean `paris-call`). */
  initiative?: InitiativeSlug;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  batchSize?: number;
}

type Validated = { ok: true; row: ResolvedRow } | { ok: false; name: string | null; reason: string };

function validate(record: CsvRecord, format: CsvFormat, options: ImportOptions): Validated {
  const rawName = record.values.name?.trim().slice(0, 300) || null;
  if (record.problem) return { ok: false, name: rawName, reason: record.problem };
  const parsed = (format === 'paris-call' ? parisCallRowSchema : genericRowSchema).safeParse(record.values);
  if (!parsed.success) return { ok: false, name: rawName, reason: describeIssues(parsed.error) };
  const initiative = parsed.data.initiative ?? options.initiative ?? null;
  if (!initiative) {
    return {
      ok: false,
      name: parsed.data.name,
      reason: 'no initiative: add an initiative column or choose one',
    };
  }
  const category = parsed.data.category ?? findInitiative(initiative)?.signatoryCategory ?? null;
  return { ok: true, row: { ...parsed.data, initiative, category } };
}

type NewOrganisation = InstanceType<typeof Organisation>;
type Accepted = { line: number; row: ResolvedRow };

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

function acceptRows(
  records: CsvRecord[],
  format: CsvFormat,
  options: ImportOptions,
  report: ImportReport,
  seen: Map<string, number>,
) {
  const accepted: Accepted[] = [];
  for (const record of records) {
    const result = validate(record, format, options);
    if (!result.ok) {
      report.rejected.push({ line: record.line, name: result.name, reason: result.reason });
      continue;
    }
    const key = identityKeyOf(result.row.name, result.row.country);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      report.rejected.push({
        line: record.line,
        name: result.row.name,
        reason: `duplicate of line ${firstLine}`,
      });
      continue;
    }
    seen.set(key, record.line);
    accepted.push({ line: record.line, row: result.row });
    for (const message of result.row.warnings)
      report.warnings.push({ line: record.line, name: result.row.name, message });
  }
  return accepted;
}

interface Update {
  line: number;
  name: string;
  id: unknown;
  changes: Record<string, unknown>;
  before: Record<string, unknown>;
}
interface Creation {
  line: number;
  name: string;
  document: NewOrganisation;
}

const organisationEvent = (id: unknown, before: unknown, after: unknown): AuditDetails => ({
  subject: { kind: 'organisation', id: String(id) },
  organisation: String(id),
  before,
  after,
});

/** The batch's updates and insertions in one audited transaction: one audit event per organisation. */
async function writeBatch(writer: ImportWriter, updates: Update[], created: Creation[]) {
  await writer.recordChange(writer.actor, 'organisation.imported', async ({ session }) => {
    for (const update of updates)
      await Organisation.updateOne(
        { _id: update.id },
        { $set: update.changes },
        { runValidators: true, session },
      );
    if (created.length > 0)
      await Organisation.insertMany(
        created.map(({ document }) => document),
        { session },
      );
    return {
      events: [
        ...updates.map((update) => organisationEvent(update.id, update.before, update.changes)),
        ...created.map(({ document }) =>
          organisationEvent(document._id, null, { slug: document.slug, name: document.name }),
        ),
      ],
      result: null,
    };
  });
}

/** When the batch as a whole fails, row by row, so each failure is reported against its own line. */
async function writeRowByRow(
  writer: ImportWriter,
  updates: Update[],
  created: Creation[],
  report: ImportReport,
) {
  for (const update of updates) {
    try {
      await writeBatch(writer, [update], []);
      report.updated += 1;
      report.changes.push({
        line: update.line,
        name: update.name,
        message: Object.keys(update.changes).join(', '),
      });
    } catch (error) {
      report.rejected.push({
        line: update.line,
        name: update.name,
        reason: `could not be saved: ${errorText(error)}`,
      });
    }
  }
  for (const creation of created) {
    try {
      await writeBatch(writer, [], [creation]);
      report.created += 1;
    } catch (error) {
      report.rejected.push({
        line: creation.line,
        name: creation.name,
        reason: `could not be saved: ${errorText(error)}`,
      });
    }
  }
}

async function importBatch(
  records: CsvRecord[],
  format: CsvFormat,
  options: ImportOptions,
  report: ImportReport,
  seen: Map<string, number>,
  slugs: SlugAllocator,
) {
  const accepted = acceptRows(records, format, options, report, seen);
  const existing = await findExisting(accepted.map(({ row }) => row));
  await slugs.prefetch(accepted.filter((_, index) => !existing[index]).map(({ row }) => row));
  const updates: Update[] = [];
  const created: Creation[] = [];
  for (const [index, item] of accepted.entries()) {
    const found = existing[index];
    try {
      if (found) {
        const changes = organisationChanges(found, item.row);
        if (Object.keys(changes).length === 0) report.unchanged += 1;
        else {
          const before = Object.fromEntries(
            Object.keys(changes).map((key) => [key, (found as Record<string, unknown>)[key] ?? null]),
          );
          updates.push({ line: item.line, name: found.name, id: found._id, changes, before });
        }
        continue;
      }
      const { line, row } = item;
      if (row.category === null) report.warnings.push({ line, name: row.name, message: 'no category given' });
      const document = new Organisation({
        slug: await slugs.allocate(row.name, row.country),
        ...newOrganisationFields(row),
      });
      await document.validate();
      created.push({ line, name: row.name, document });
    } catch (error) {
      report.rejected.push({
        line: item.line,
        name: item.row.name,
        reason: `could not be saved: ${errorText(error)}`,
      });
    }
  }
  if (updates.length + created.length === 0) return;
  if (options.dryRun) {
    countWritten(report, updates, created);
    return;
  }
  if (!options.writer)
    throw new Error('An import that writes needs a writer (the audited write path and an actor)');
  try {
    await writeBatch(options.writer, updates, created);
    countWritten(report, updates, created);
  } catch {
    await writeRowByRow(options.writer, updates, created, report);
  }
}

function countWritten(report: ImportReport, updates: Update[], created: Creation[]) {
  report.created += created.length;
  report.updated += updates.length;
  for (const update of updates)
    report.changes.push({
      line: update.line,
      name: update.name,
      message: Object.keys(update.changes).join(', '),
    });
}

/** Imports CSV content (Paris Call export or generic columns). Throws ImportFileError for an unusable file. */
export async function importCsv(
  content: string | Buffer,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const csv = readCsv(content);
  if (csv.format === 'paris-call' && options.initiative && options.initiative !== 'paris-call') {
    throw new ImportFileError(
      `This is a Paris Call export; it cannot be imported into ${options.initiative}.`,
    );
  }
  const total = csv.records.length;
  const report = emptyReport(csv.format, options.dryRun ?? false, total);
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const seen = new Map<string, number>();
  const slugs = new SlugAllocator();
  for (let start = 0; start < total; start += batchSize) {
    await importBatch(csv.records.slice(start, start + batchSize), csv.format, options, report, seen, slugs);
    options.onProgress?.({ processed: Math.min(start + batchSize, total), total });
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

export async function importFile(path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const content = await readFile(path).catch((error: unknown) => {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
    throw new ImportFileError(code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path} (${code})`);
  });
  return importCsv(content, options);
}
