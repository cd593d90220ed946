import { CATEGORIES } from '../../reference/categories';
import {
  INITIATIVES,
  INITIATIVE_SLUGS,
  commitmentKey,
  type InitiativeSlug,
} from '../../reference/initiatives';
import { SECTORS } from '../../reference/sectors';
import { evidenceFigures } from './evidenceFigures';
import { growthFigures } from './growthFigures';
import type { StatisticsInput, StatisticsOrganisation } from './statisticsInput';
import type { Statistics } from './statisticsSchema';

export { statisticsSchema, type Statistics } from './statisticsSchema';
export type { EvidenceResult, StatisticsInput, StatisticsOrganisation } from './statisticsInput';

function tally(values: Iterable<string | null>): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Every value of a fixed list in order (zeros included), then null when some organisations have none. */
function fixedOrderCounts<Value extends string>(
  vocabulary: readonly Value[],
  values: Iterable<string | null>,
): { value: Value | null; count: number }[] {
  const counts = tally(values);
  const rows: { value: Value | null; count: number }[] = vocabulary.map((value) => ({
    value,
    count: counts.get(value) ?? 0,
  }));
  const unknown = [...counts].filter(([value]) => value === null || !vocabulary.includes(value as Value));
  const withoutValue = unknown.reduce((sum, [, count]) => sum + count, 0);
  if (withoutValue > 0) rows.push({ value: null, count: withoutValue });
  return rows;
}

function countryFigures(organisations: readonly StatisticsOrganisation[]) {
  const counts = tally(organisations.map((organisation) => organisation.country));
  const byCountry = [...counts]
    .filter((row): row is [string, number] => row[0] !== null)
    .map(([country, count]) => ({ country, count }))
    .sort((a, b) => b.count - a.count || (a.country < b.country ? -1 : 1));
  return { byCountry, withoutCountry: counts.get(null) ?? 0 };
}

/**
 * Every figure of the statistics page, computed from the active organisations and their current evidence
 * results; narrowed to the signatories of one initiative when one is given. Pure: same input, same output.
 */
export function computeStatistics(
  input: StatisticsInput,
  initiative: InitiativeSlug | null = null,
): Statistics {
  const organisations = initiative
    ? input.organisations.filter((organisation) => organisation.initiatives.includes(initiative))
    : input.organisations;
  const initiatives = initiative ? [initiative] : [...INITIATIVE_SLUGS];
  const { byCountry, withoutCountry } = countryFigures(organisations);
  const initiativeCounts = tally(organisations.flatMap((organisation) => organisation.initiatives));
  const commitmentCounts = tally(organisations.flatMap((organisation) => organisation.commitments));
  return {
    initiative,
    totals: { signatories: organisations.length, countries: byCountry.length, withoutCountry },
    byCountry,
    byInitiative: initiatives.map((slug) => ({ initiative: slug, count: initiativeCounts.get(slug) ?? 0 })),
    byCategory: fixedOrderCounts(
      CATEGORIES,
      organisations.map((organisation) => organisation.category),
    ).map(({ value, count }) => ({ category: value, count })),
    bySector: fixedOrderCounts(
      SECTORS,
      organisations.map((organisation) => organisation.sector),
    ).map(({ value, count }) => ({ sector: value, count })),
    growth: growthFigures(organisations, initiatives),
    commitments: INITIATIVES.filter((definition) =>
      initiatives.some((slug) => slug === definition.slug),
    ).flatMap((definition) =>
      definition.commitments.map((commitment) => {
        const key = commitmentKey(definition.slug, commitment.code);
        return {
          initiative: definition.slug as InitiativeSlug,
          code: commitment.code,
          key,
          organisations: commitmentCounts.get(key) ?? 0,
        };
      }),
    ),
    evidence: evidenceFigures(organisations, input.evidence),
  };
}
