import countries from 'i18n-iso-countries';

/**
 * Codes found in the Paris Call's export that are not current ISO 3166-1 alpha-3: ROM is Romania's old
 * code, SCG the former Serbia and Montenegro (the row is Serbia), MTG a typo for Montenegro (MNE).
 */
const LEGACY_ALPHA3: Readonly<Record<string, string>> = { ROM: 'RO', SCG: 'RS', MTG: 'ME' };

export type CountryLookup = { ok: true; country: string | null } | { ok: false; reason: string };

/** Accepts ISO 3166-1 alpha-2 or alpha-3 (any case); an empty value means "no country" (international bodies). */
export function toCountryCode(raw: string): CountryLookup {
  const code = raw.trim().toUpperCase();
  if (code === '') return { ok: true, country: null };
  if (/^[A-Z]{2}$/.test(code) && countries.isValid(code)) return { ok: true, country: code };
  if (/^[A-Z]{3}$/.test(code)) {
    const alpha2 = LEGACY_ALPHA3[code] ?? countries.alpha3ToAlpha2(code);
    if (alpha2) return { ok: true, country: alpha2 };
  }
  return { ok: false, reason: `unknown country code "${raw.trim().slice(0, 20)}"` };
}
