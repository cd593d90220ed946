import type { ImportReport } from '../../import/report';

/** Rows listed on the page at most, per list; the counts stay exact. */
export const LISTED_ROWS = 500;

/** A report as kept with its import run: the counts, and the first rows of each list. */
export interface StoredReport extends ImportReport {
  rejectedCount: number;
  warningCount: number;
  changeCount: number;
}

export function toStoredReport(report: ImportReport): StoredReport {
  return {
    ...report,
    rejected: report.rejected.slice(0, LISTED_ROWS),
    warnings: report.warnings.slice(0, LISTED_ROWS),
    changes: report.changes.slice(0, LISTED_ROWS),
    rejectedCount: report.rejected.length,
    warningCount: report.warnings.length,
    changeCount: report.changes.length,
  };
}
