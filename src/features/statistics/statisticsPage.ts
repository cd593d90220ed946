import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { INITIATIVE_SLUGS, type InitiativeSlug } from '../../reference/initiatives';
import { codeLabel, countryName, formatNumber } from '../directory/labels';
import { filteredDirectoryUrl } from '../directory/query';
import { commitmentSections, evidenceSections, profileSections } from './barSections';
import { growthSection } from './growthSection';
import type { Statistics } from './statisticsSchema';
import { worldMapView } from './worldMap';

export const statisticsUrl = (initiative: InitiativeSlug | null) =>
  initiative ? `/statistics?initiative=${initiative}` : '/statistics';

/** Everything the statistics page shows, in the reader's language. */
export function statisticsPage(
  statistics: Statistics,
  options: { lang: Language; t: TFunction; initiativeIgnored: boolean },
) {
  const { lang, t } = options;
  const { initiative } = statistics;
  const filters = initiative ? { initiative } : {};
  return {
    title: t('statistics:title'),
    initiative,
    initiativeIgnored: options.initiativeIgnored,
    initiativeLinks: [null, ...INITIATIVE_SLUGS].map((slug) => ({
      href: statisticsUrl(slug),
      text: slug ? codeLabel('initiative', slug, t) : t('statistics:filter.all'),
      current: slug === initiative,
    })),
    totals: {
      signatories: formatNumber(statistics.totals.signatories, lang),
      countries: formatNumber(statistics.totals.countries, lang),
      withoutCountry: formatNumber(statistics.totals.withoutCountry, lang),
    },
    map: worldMapView(statistics.byCountry, initiative, lang, t),
    countries: statistics.byCountry.map(({ country, count }) => ({
      name: countryName(country, lang, t),
      href: filteredDirectoryUrl({ ...filters, country }),
      count: formatNumber(count, lang),
    })),
    initiatives: statistics.byInitiative.map(({ initiative: slug, count }) => ({
      name: codeLabel('initiative', slug, t),
      href: filteredDirectoryUrl({ initiative: slug }),
      count: formatNumber(count, lang),
    })),
    growth: growthSection(statistics.growth, lang, t),
    commitments: commitmentSections(statistics, filters, lang, t),
    evidence: evidenceSections(statistics, lang, t),
    ...profileSections(statistics, filters, lang, t),
  };
}
