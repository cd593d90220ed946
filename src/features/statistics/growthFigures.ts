import type { InitiativeSlug } from '../../reference/initiatives';
import type { StatisticsOrganisation } from './statisticsInput';
import type { Statistics } from './statisticsSchema';

/** Months counted from year 0, so consecutive months are consecutive integers. */
const monthIndexOf = (time: number) => {
  const date = new Date(time);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
};
const yearMonthOf = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Cumulative signatories of each initiative at the end of every month from the first join to the last. */
export function growthFigures(
  organisations: readonly StatisticsOrganisation[],
  initiatives: readonly InitiativeSlug[],
): Statistics['growth'] {
  const joinsByInitiative = new Map<InitiativeSlug, Map<number, number>>(
    initiatives.map((initiative) => [initiative, new Map()]),
  );
  const undated = new Map<InitiativeSlug, number>(initiatives.map((initiative) => [initiative, 0]));
  let first = Infinity;
  let last = -Infinity;
  for (const organisation of organisations) {
    // One organisation counts once per initiative: its earliest dated active membership.
    const earliest = new Map<InitiativeSlug, number | null>();
    for (const membership of organisation.memberships) {
      const initiative = initiatives.find((slug) => slug === membership.initiative);
      if (!initiative) continue;
      const previous = earliest.get(initiative);
      const joinedAt = membership.joinedAt;
      if (previous === undefined || previous === null) earliest.set(initiative, joinedAt);
      else if (joinedAt !== null && joinedAt < previous) earliest.set(initiative, joinedAt);
    }
    for (const [initiative, joinedAt] of earliest) {
      if (joinedAt === null) {
        undated.set(initiative, (undated.get(initiative) ?? 0) + 1);
        continue;
      }
      const month = monthIndexOf(joinedAt);
      const joins = joinsByInitiative.get(initiative);
      joins?.set(month, (joins.get(month) ?? 0) + 1);
      first = Math.min(first, month);
      last = Math.max(last, month);
    }
  }
  const monthIndexes = first <= last ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [];
  return {
    months: monthIndexes.map(yearMonthOf),
    series: initiatives.map((initiative) => {
      const joins = joinsByInitiative.get(initiative) ?? new Map<number, number>();
      let total = 0;
      return {
        initiative,
        cumulative: monthIndexes.map((month) => (total += joins.get(month) ?? 0)),
        undated: undated.get(initiative) ?? 0,
      };
    }),
  };
}
