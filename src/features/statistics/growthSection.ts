import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { codeLabel, formatNumber } from '../directory/labels';
import { lineChart } from './lineChart';
import type { Statistics } from './statisticsSchema';

const monthFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const monthLabel = (month: string, lang: Language) =>
  monthFormats[lang].format(new Date(`${month}-01T00:00:00Z`));

/**
 * The growth chart and its table. The table lists the months in which some count changed: between them
 * every line is flat, so it holds the whole series without a row per month.
 */
export function growthSection(growth: Statistics['growth'], lang: Language, t: TFunction) {
  const labels = growth.series.map((series) => codeLabel('initiativeShort', series.initiative, t));
  const changed = growth.months.flatMap((month, index) =>
    index === 0 || growth.series.some((series) => series.cumulative[index] !== series.cumulative[index - 1])
      ? [{ month, index }]
      : [],
  );
  const chart = lineChart(
    growth.months,
    growth.series.map((series, index) => ({ label: labels[index] ?? '', values: series.cumulative })),
    lang,
  );
  const finals = growth.series.map(
    (series, index) => `${labels[index] ?? ''}: ${formatNumber(series.cumulative.at(-1) ?? 0, lang)}`,
  );
  const first = growth.months[0];
  const last = growth.months.at(-1);
  return {
    chart,
    summary:
      first && last
        ? t('statistics:growth.summary', {
            from: monthLabel(first, lang),
            to: monthLabel(last, lang),
            totals: finals.join('; '),
          })
        : t('statistics:growth.empty'),
    columns: labels,
    rows: changed.map(({ month, index }) => ({
      month,
      label: monthLabel(month, lang),
      values: growth.series.map((series) => formatNumber(series.cumulative[index] ?? 0, lang)),
    })),
    undated: growth.series
      .filter((series) => series.undated > 0)
      .map((series) => ({
        initiative: codeLabel('initiativeShort', series.initiative, t),
        count: series.undated,
        formatted: formatNumber(series.undated, lang),
      })),
  };
}
