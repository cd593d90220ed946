import countries from 'i18n-iso-countries';
import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { CATEGORIES } from '../../reference/categories';
import { INITIATIVES } from '../../reference/initiatives';
import { SECTORS } from '../../reference/sectors';
import { compareText, countryName } from '../directory/labels';

export interface Option {
  value: string;
  label: string;
}

const countryOptions: Partial<Record<Language, Option[]>> = {};

/** Every country, labelled and sorted in the page's language (shared by the forms that ask for one). */
export function countriesIn(lang: Language, t: TFunction): Option[] {
  const cached = countryOptions[lang];
  if (cached) return cached;
  const options = Object.keys(countries.getAlpha2Codes())
    .map((code) => ({ value: code, label: countryName(code, lang, t) }))
    .sort((a, b) => compareText(a.label, b.label, lang));
  countryOptions[lang] = options;
  return options;
}

/** Everything the application form offers, labelled in the page's language. */
export function applicationFormOptions(lang: Language, t: TFunction) {
  return {
    countries: countriesIn(lang, t),
    categories: CATEGORIES.map((code) => ({ value: code, label: t(`directory:category.${code}`) })),
    sectors: SECTORS.map((code) => ({ value: code, label: t(`directory:sector.${code}`) })),
    initiatives: INITIATIVES.map((initiative) => ({
      value: initiative.slug,
      label: initiative.name[lang],
      commitments: initiative.commitments.map((commitment) => ({
        value: `${initiative.slug}:${commitment.code}`,
        label: commitment.title[lang],
      })),
    })),
  };
}
