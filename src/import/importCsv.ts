import { readFile } from 'node:fs/promises';
import { Organisation } from '../models/organisation';
import { findInitiative, type InitiativeSlug } from '../reference/initiatives';
import { identityKeyOf, toSearchKey } from '../models/searchKey';
import { newOrganisationFields, organisationChanges, type ResolvedRow } from './mergeOrganisation';
import { readCsv, type CsvFormat, type CsvRecord } from './readCsv';
import { emptyReport, type ImportProgress, type ImportReport } from './report';
import { describeIssues, genericRowSchema, parisCallRowSchema } from './rowSchemas';
import { allocateSlug } from './slugs';

export interface ImportOptions {
  /** Initiative for rows that do not name one (Paris Call exports always mean `paris-call`). */
  initiative?: InitiativeSlug;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  batchSize?: number;
}

type Validated = { ok: true; row: ResolvedRow } | { ok: false; name: string | null; reason: string };

function validate(record: CsvRecord, format: CsvFormat, options: ImportOptions): Validated {
  const rawName = record.values.name?.trim() || null;
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

/** Rows without a country match an existing organisation of the same name when exactly one exists. */
async function findExisting(rows: ResolvedRow[]) {
  const keys = rows.map((row) => identityKeyOf(row.name, row.country));
  const exactMatches = await Organisation.find({ identityKey: { $in: keys } }).lean();
  type Stored = (typeof exactMatches)[number];
  const byIdentity = new Map(exactMatches.map((organisation) => [organisation.identityKey, organisation]));
  const countryless = rows.filter((row) => row.country === null).map((row) => toSearchKey(row.name));
  const byName = new Map<string, Stored[]>();
  if (countryless.length > 0) {
    for (const organisation of await Organisation.find({ searchKey: { $in: countryless } }).lean()) {
      byName.set(organisation.searchKey, [...(byName.get(organisation.searchKey) ?? []), organisation]);
    }
  }
  return rows.map((row, index): Stored | null => {
    const exact = byIdentity.get(keys[index] ?? '');
    if (exact || row.country !== null) return exact ?? null;
    const sameName = byName.get(toSearchKey(row.name)) ?? [];
    return sameName.length === 1 ? (sameName[0] ?? null) : null;
  });
}

async function importBatch(
  records: CsvRecord[],
  format: CsvFormat,
  options: ImportOptions,
  report: ImportReport,
  seen: Map<string, number>,
  reservedSlugs: Set<string>,
) {
  const accepted: { line: number; row: ResolvedRow }[] = [];
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
  }
  const existing = await findExisting(accepted.map(({ row }) => row));
  for (const [index, { line, row }] of accepted.entries()) {
    const found = existing[index];
    for (const message of row.warnings) report.warnings.push({ line, name: row.name, message });
    try {
      if (!found) {
        if (row.category === null)
          report.warnings.push({ line, name: row.name, message: 'no category given' });
        const slug = await allocateSlug(row.name, row.country, reservedSlugs);
        const organisation = new Organisation({ slug, ...newOrganisationFields(row) });
        await organisation.validate();
        if (!options.dryRun) await organisation.save();
        report.created += 1;
        continue;
      }
      const changes = organisationChanges(found, row);
      if (Object.keys(changes).length === 0) {
        report.unchanged += 1;
        continue;
      }
      if (!options.dryRun)
        await Organisation.updateOne({ _id: found._id }, { $set: changes }, { runValidators: true });
      report.updated += 1;
      report.changes.push({ line, name: found.name, message: Object.keys(changes).join(', ') });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.rejected.push({ line, name: row.name, reason: `could not be saved: ${message.slice(0, 300)}` });
    }
  }
}

/** Imports CSV content (Paris Call export or generic columns). Throws ImportFileError for an unusable file. */
export async function importCsv(
  content: string | Buffer,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const csv = readCsv(content);
  const total = csv.records.length;
  const report = emptyReport(csv.format, options.dryRun ?? false, total);
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const seen = new Map<string, number>();
  const reservedSlugs = new Set<string>();
  for (let start = 0; start < total; start += batchSize) {
    await importBatch(
      csv.records.slice(start, start + batchSize),
      csv.format,
      options,
      report,
      seen,
      reservedSlugs,
    );
    options.onProgress?.({ processed: Math.min(start + batchSize, total), total });
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

export async function importFile(path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importCsv(await readFile(path), options);
}
