import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';

countries.registerLocale(en);
countries.registerLocale(fr);

const REGIONAL_INDICATOR_A = 0x1f1e6;

/** The flag emoji of an ISO 3166-1 alpha-2 code: two regional indicator letters. */
export function flagOf(country: string | null): string {
  if (!country || !/^[A-Z]{2}$/.test(country)) return '';
  return String.fromCodePoint(
    ...[...country].map((letter) => REGIONAL_INDICATOR_A + letter.charCodeAt(0) - 65),
  );
}

const countryNames: Record<Language, Map<string, string>> = { en: new Map(), fr: new Map() };

export function countryName(country: string | null, lang: Language, t: TFunction): string {
  if (!country) return t('directory:noCountry');
  let name = countryNames[lang].get(country);
  if (name === undefined) {
    name = countries.getName(country, lang, { select: 'official' }) ?? country;
    countryNames[lang].set(country, name);
  }
  return name;
}

const collators: Record<Language, Intl.Collator> = {
  en: new Intl.Collator('en'),
  fr: new Intl.Collator('fr'),
};
const numberFormats: Record<Language, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en'),
  fr: new Intl.NumberFormat('fr'),
};
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }),
};

export const formatNumber = (value: number, lang: Language) => numberFormats[lang].format(value);
export const compareText = (a: string, b: string, lang: Language) => collators[lang].compare(a, b);

export function formatDate(value: Date | number | null | undefined, lang: Language): string | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === 'number' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : dateFormats[lang].format(date);
}

/** `tech-accord:no-offence` → the label key `directory:commitment.tech-accord.no-offence`. */
export function commitmentLabel(key: string, t: TFunction): string {
  const [initiative, code] = key.split(':');
  return t(`directory:commitment.${initiative}.${code}`);
}

/** Labels for a coded value; a value the locale files do not know is shown as is rather than hidden. */
export function codeLabel(group: string, code: string | null, t: TFunction): string {
  if (!code) return t('directory:notStated');
  return t(`directory:${group}.${code}`, { defaultValue: code });
}
