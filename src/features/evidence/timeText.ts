import type { Language } from '../../middleware/i18n';

const dateTimeFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
};

/** A date and time in UTC, in the reader's language ("1 March 2026 at 14:05 UTC"). */
export function formatDateTime(value: Date | null | undefined, lang: Language): string | null {
  if (!value || Number.isNaN(value.getTime())) return null;
  return `${dateTimeFormats[lang].format(value)} UTC`;
}
