import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { codeLabel, commitmentLabel, countryName, flagOf } from './labels';

/** A guard only: keys come from validated query values and the registry's own codes, so they are few. */
const LABELS_KEPT_PER_LANGUAGE = 20_000;
const books = new Map<Language, Map<string, string>>();

export interface LabelBook {
  text(key: string): string;
  code(group: string, code: string | null): string;
  commitment(key: string): string;
  country(country: string | null): string;
  flaggedCountry(country: string): string;
}

/**
 * The directory's labels in one language, each looked up once per process and reused by every request.
 * i18next's t() copies its options on every call and a list page asks for hundreds of labels (every
 * filter option, every row); the locale files are loaded once at start, so a label never changes while
 * the process runs. The memo keys carry the kind of lookup, since `code` falls back to the code itself.
 */
export function labelBook(lang: Language, t: TFunction): LabelBook {
  let book = books.get(lang);
  if (!book) {
    book = new Map();
    books.set(lang, book);
  }
  const labels = book;
  const remember = (key: string, look: () => string): string => {
    let label = labels.get(key);
    if (label === undefined) {
      label = look();
      if (labels.size < LABELS_KEPT_PER_LANGUAGE) labels.set(key, label);
    }
    return label;
  };
  return {
    text: (key) => remember(`text|${key}`, () => t(key)),
    code: (group, code) => remember(`code|${group}|${code ?? ''}`, () => codeLabel(group, code, t)),
    commitment: (key) => remember(`commitment|${key}`, () => commitmentLabel(key, t)),
    country: (country) => remember(`country|${country ?? ''}`, () => countryName(country, lang, t)),
    flaggedCountry: (country) =>
      remember(`flagged|${country}`, () => `${flagOf(country)} ${countryName(country, lang, t)}`.trim()),
  };
}
