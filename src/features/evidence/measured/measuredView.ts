import type { TFunction } from 'i18next';
import type { Language } from '../../../middleware/i18n';
import { formatDate } from '../../directory/labels';
import { describeProblem } from '../checks/describeProblem';
import type { Problem } from '../checks/types';
import { historyTimeline, type TimelineEntry } from '../historyTimeline';

interface StoredMeasurement {
  _id: unknown;
  domain: string;
  check: string;
  origin: string;
  latestResult?: { level?: string | null; findings?: unknown[] } | null;
  checkedAt?: Date | null;
  history: Parameters<typeof historyTimeline>[0];
}

export interface MeasuredCheckView {
  id: string;
  kind: string;
  subject: string;
  /** Null until the first definite result. */
  level: string | null;
  problems: string[];
  checkedAt: string | null;
  history: TimelineEntry[];
}

export interface MeasuredDomainView {
  domain: string;
  origin: string;
  checks: MeasuredCheckView[];
}

/** The registry's measurements grouped by domain, in the reader's language, for the profile and the member's page. */
export function measuredDomainsView(entries: readonly StoredMeasurement[], lang: Language, t: TFunction): MeasuredDomainView[] {
  const domains = new Map<string, MeasuredDomainView>();
  for (const entry of entries) {
    const view = domains.get(entry.domain) ?? {
      domain: entry.domain,
      origin: t(`verification:measured.origin.${entry.origin}`),
      checks: [],
    };
    domains.set(entry.domain, view);
    view.checks.push({
      id: `measured-${String(entry._id)}`,
      kind: t(`directory:evidenceKind.${entry.check}`),
      subject: entry.domain,
      level: entry.latestResult?.level ?? null,
      problems: ((entry.latestResult?.findings ?? []) as Problem[]).map((found) => describeProblem(found, lang)),
      checkedAt: formatDate(entry.checkedAt ?? null, lang),
      history: historyTimeline(entry.history, lang, t),
    });
  }
  return [...domains.values()];
}
