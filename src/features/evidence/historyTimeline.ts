import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { describeProblem } from './checks/describeProblem';
import type { Problem } from './checks/types';
import { formatDateTime } from './timeText';

interface StoredHistoryEntry {
  level?: string | null;
  status: string;
  findings?: unknown[];
  checkedAt: Date;
  until?: Date | null;
}

export interface TimelineEntry {
  level: string | null;
  status: string;
  /** ISO times for `<time datetime>`. */
  fromIso: string;
  from: string;
  /** Set when the same result was seen again later: "unchanged from … to …". */
  untilIso: string | null;
  until: string | null;
  problems: string[];
}

/** An entry's history for the public profile, newest first, each change with its time and unchanged runs compacted. */
export function historyTimeline(history: readonly StoredHistoryEntry[], lang: Language, t: TFunction): TimelineEntry[] {
  return [...history].reverse().map((entry) => {
    const until = entry.until && entry.until.getTime() > entry.checkedAt.getTime() ? entry.until : null;
    return {
      level: entry.level ?? null,
      status: t(`directory:evidenceStatus.${entry.status}`),
      fromIso: entry.checkedAt.toISOString(),
      from: formatDateTime(entry.checkedAt, lang) ?? '',
      untilIso: until?.toISOString() ?? null,
      until: formatDateTime(until, lang),
      problems: ((entry.findings ?? []) as Problem[]).map((found) => describeProblem(found, lang)),
    };
  });
}
