import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import type { DirectoryFilters } from '../../models/directoryQuery';
import { codeLabel, commitmentLabel, formatNumber } from '../directory/labels';
import { filteredDirectoryUrl } from '../directory/query';
import { barChart, type BarChart } from './barChart';
import type { Statistics } from './statisticsSchema';

export interface BarRow {
  label: string;
  value: number;
  /** The directory narrowed to this row, when it is a directory filter. */
  href?: string;
}

/** A chart with its text alternative and the table of the same numbers. */
export interface BarSection {
  id: string;
  title: string;
  summary: string;
  chart: BarChart;
  table: { label: string; value: string; href?: string }[];
}

export function barSection(id: string, title: string, rows: readonly BarRow[], lang: Language): BarSection {
  const table = rows.map((row) => ({
    label: row.label,
    value: formatNumber(row.value, lang),
    ...(row.href ? { href: row.href } : {}),
  }));
  return {
    id,
    title,
    summary: table.map((row) => `${row.label}: ${row.value}`).join('; '),
    chart: barChart(rows, lang),
    table,
  };
}

type Filters = Pick<DirectoryFilters, 'initiative'>;
const link = (filters: Filters, more: DirectoryFilters) => filteredDirectoryUrl({ ...filters, ...more });

export function profileSections(statistics: Statistics, filters: Filters, lang: Language, t: TFunction) {
  return {
    categories: barSection(
      'categories',
      t('statistics:categories.heading'),
      statistics.byCategory.map(({ category, count }) => ({
        label: codeLabel('category', category, t),
        value: count,
        ...(category ? { href: link(filters, { category }) } : {}),
      })),
      lang,
    ),
    sectors: barSection(
      'sectors',
      t('statistics:sectors.heading'),
      statistics.bySector.map(({ sector, count }) => ({
        label: codeLabel('sector', sector, t),
        value: count,
        ...(sector ? { href: link(filters, { sector }) } : {}),
      })),
      lang,
    ),
  };
}

/** One bar chart of adoption per initiative shown. */
export function commitmentSections(statistics: Statistics, filters: Filters, lang: Language, t: TFunction) {
  return statistics.byInitiative.map(({ initiative }) =>
    barSection(
      `commitments-${initiative}`,
      t('statistics:commitments.chartTitle', { initiative: codeLabel('initiativeShort', initiative, t) }),
      statistics.commitments
        .filter((row) => row.initiative === initiative)
        .map((row) => ({
          label: commitmentLabel(row.key, t),
          value: row.organisations,
          href: link(filters, { commitment: row.key }),
        })),
      lang,
    ),
  );
}

export function evidenceSections(statistics: Statistics, lang: Language, t: TFunction) {
  const { dmarc, securityTxt } = statistics.evidence;
  const levelRows = <Level extends string>(group: string, levels: { level: Level; count: number }[]) =>
    levels
      // `invalid` is shown only when some domain has it.
      .filter((row) => row.level !== 'invalid' || row.count > 0)
      .map((row) => ({ label: t(`statistics:evidence.${group}.${row.level}`), value: row.count }));
  const unchecked = (count: number) => ({ label: t('statistics:evidence.unchecked'), value: count });
  return {
    dmarc: barSection(
      'dmarc',
      t('statistics:evidence.dmarc.heading', { domains: formatNumber(dmarc.domains, lang) }),
      [...levelRows('dmarc', dmarc.levels), unchecked(dmarc.unchecked)],
      lang,
    ),
    securityTxt: barSection(
      'security-txt',
      t('statistics:evidence.securityTxt.heading', { domains: formatNumber(securityTxt.domains, lang) }),
      [...levelRows('securityTxt', securityTxt.levels), unchecked(securityTxt.unchecked)],
      lang,
    ),
    figures: {
      dmarcDomains: formatNumber(dmarc.domains, lang),
      securityTxtDomains: formatNumber(securityTxt.domains, lang),
      securityTxtPresent: formatNumber(securityTxt.present, lang),
      securityTxtValid: formatNumber(securityTxt.valid, lang),
    },
  };
}
