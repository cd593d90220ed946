import type { CsvFormat } from './readCsv';

export interface RejectedRow {
  line: number;
  name: string | null;
  reason: string;
}

export interface RowNote {
  line: number;
  name: string;
  message: string;
}

export interface ImportReport {
  format: CsvFormat;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** Accepted rows with something worth a look (repaired website, missing category…). */
  warnings: RowNote[];
  /** Updated rows with the fields that changed. */
  changes: RowNote[];
}

export interface ImportProgress {
  processed: number;
  total: number;
}

export function emptyReport(format: CsvFormat, dryRun: boolean, rows: number): ImportReport {
  return {
    format,
    dryRun,
    rows,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    changes: [],
  };
}

export function formatReport(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written)' : 'Import'}: ${report.rows} rows, format ${report.format}`,
    `  created:   ${report.created}`,
    `  updated:   ${report.updated}`,
    `  unchanged: ${report.unchanged}`,
    `  rejected:  ${report.rejected.length}`,
  ];
  for (const row of report.rejected)
    lines.push(`  line ${row.line}: rejected${row.name ? ` (${row.name})` : ''}: ${row.reason}`);
  for (const note of report.changes) lines.push(`  line ${note.line}: updated ${note.name}: ${note.message}`);
  for (const note of report.warnings)
    lines.push(`  line ${note.line}: warning for ${note.name}: ${note.message}`);
  return lines.join('\n');
}
