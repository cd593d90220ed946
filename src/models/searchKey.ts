/** Letters that NFD does not decompose into a base letter and a mark. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * The one normaliser for names and search input: lowercase, accents stripped, punctuation and symbols
 * folded to single spaces. "Société Générale" and "societe-generale" both become "societe generale".
 */
export function toSearchKey(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => EXTRA_FOLDS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A URL-safe ASCII slug; names written only in other scripts fall back to `fallback`. */
export function toSlug(input: string, fallback = 'organisation'): string {
  const ascii = toSearchKey(input)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .join('-')
    .slice(0, 80)
    .replace(/-+$/, '');
  return ascii.length > 0 ? ascii : fallback;
}

/** Identity used to de-duplicate organisations: normalised name plus country ("-" for none). */
export function identityKeyOf(name: string, country: string | null): string {
  return `${toSearchKey(name)}|${country ?? '-'}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
