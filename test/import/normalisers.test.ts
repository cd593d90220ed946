import { toCountryCode } from '../../src/import/countries';
import { natureToSector } from '../../src/import/natures';
import { normaliseWebsite } from '../../src/import/websites';

describe('toCountryCode', () => {
  it('maps ISO-3 and accepts ISO-2, any case', () => {
    expect(toCountryCode('SWE')).toEqual({ ok: true, country: 'SE' });
    expect(toCountryCode(' fr ')).toEqual({ ok: true, country: 'FR' });
    expect(toCountryCode('')).toEqual({ ok: true, country: null });
  });

  it('maps the legacy codes found in the Paris Call export', () => {
    expect(toCountryCode('ROM')).toEqual({ ok: true, country: 'RO' });
    expect(toCountryCode('SCG')).toEqual({ ok: true, country: 'RS' });
    expect(toCountryCode('MTG')).toEqual({ ok: true, country: 'ME' });
  });

  it('rejects unknown codes', () => {
    expect(toCountryCode('XYZ')).toEqual({ ok: false, reason: 'unknown country code "XYZ"' });
    expect(toCountryCode('France').ok).toBe(false);
  });
});

describe('natureToSector', () => {
  it('ignores stray spaces, case and accents', () => {
    expect(natureToSector('Association professionnelle ', 'private-sector')).toEqual({
      ok: true,
      sector: 'industry-association',
    });
    expect(natureToSector('université', 'civil-society')).toEqual({ ok: true, sector: 'academia' });
    expect(natureToSector('Groupement d’intérêt public', null)).toEqual({
      ok: true,
      sector: 'public-agency',
    });
  });

  it('treats an empty nature as unknown, except for states', () => {
    expect(natureToSector('', 'private-sector')).toEqual({ ok: true, sector: null });
    expect(natureToSector(' ', 'state')).toEqual({ ok: true, sector: 'government' });
  });

  it('rejects a nature it does not know', () => {
    expect(natureToSector('Vaisseau spatial', null)).toEqual({
      ok: false,
      reason: 'unknown nature "Vaisseau spatial"',
    });
  });
});

describe('normaliseWebsite', () => {
  it('normalises host case, bare domains and the root path', () => {
    expect(normaliseWebsite('https://CREOpoint.ai/')).toEqual({
      ok: true,
      website: 'https://creopoint.ai',
      domain: 'creopoint.ai',
      repaired: false,
    });
    expect(normaliseWebsite('www.example.org/about#team')).toMatchObject({
      website: 'https://www.example.org/about',
      domain: 'example.org',
    });
  });

  it('repairs a doubled scheme', () => {
    expect(normaliseWebsite('https://HTTPS ://www.goodinfo.eu')).toMatchObject({
      website: 'https://www.goodinfo.eu',
    });
    expect(normaliseWebsite('https://https:www.mod.org.zm')).toMatchObject({
      ok: true,
      website: 'https://www.mod.org.zm',
      repaired: true,
    });
  });

  it('rejects other schemes and malformed URLs', () => {
    expect(normaliseWebsite('javascript:alert(1)')).toEqual({
      ok: false,
      reason: 'website must use http or https, not javascript',
    });
    expect(normaliseWebsite('ftp://example.org').ok).toBe(false);
    expect(normaliseWebsite('http://exa mple.org').ok).toBe(false);
    expect(normaliseWebsite('https://localhost').ok).toBe(false);
  });

  it('accepts an empty value as no website', () => {
    expect(normaliseWebsite('  ')).toEqual({ ok: true, website: null, domain: null, repaired: false });
  });
});
