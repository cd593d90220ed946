import { CommandError } from '../errors';

/** ICU keywords MongoDB accepts after '@', as BCP 47 Unicode extensions. */
const KEYWORDS: Record<string, string> = {
  'collation=phonebook': 'co-phonebk',
  'collation=pinyin': 'co-pinyin',
  'collation=stroke': 'co-stroke',
  'collation=unihan': 'co-unihan',
  'collation=zhuyin': 'co-zhuyin',
  'collation=gb2312han': 'co-gb2312',
  'collation=big5han': 'co-big5han',
  'collation=search': 'co-search',
  'collation=compat': 'co-compat',
  'collation=eor': 'co-eor',
  'collation=traditional': 'co-trad',
  'collation=standard': 'co-standard',
};

const cache = new Map<string, string>();

/**
 * MongoDB names collation locales the ICU way (`en_US`, `zh_Hant`, `de@collation=phonebook`); Intl.Collator
 * wants BCP 47 (`en-US`, `de-u-co-phonebk`). A locale neither knows is refused as MongoDB refuses it.
 */
export function intlLocale(locale: string): string {
  const known = cache.get(locale);
  if (known) return known;
  const [base = '', keyword] = locale.split('@');
  let tag = base.replace(/_/g, '-');
  if (keyword !== undefined) {
    const extension = KEYWORDS[keyword];
    if (!extension) throw badLocale(locale);
    tag = `${tag}-u-${extension}`;
  }
  let supported: string[];
  try {
    supported = Intl.Collator.supportedLocalesOf(tag);
  } catch {
    throw badLocale(locale);
  }
  if (supported.length === 0 && tag !== 'root') throw badLocale(locale);
  const result = tag === 'root' ? 'und' : tag;
  cache.set(locale, result);
  return result;
}

function badLocale(locale: string): CommandError {
  return new CommandError('BadValue', `Field 'locale' is invalid in: { locale: "${locale}" }`);
}
