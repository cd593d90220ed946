import { identityKeyOf, toSearchKey, toSlug } from '../../src/models/searchKey';

describe('toSearchKey', () => {
  it('folds case, accents and punctuation', () => {
    expect(toSearchKey('Société Générale')).toBe('societe generale');
    expect(toSearchKey('  SOCIETE-générale!! ')).toBe('societe generale');
    expect(toSearchKey('‘Vasile Goldiș’ Western University of Arad')).toBe(
      'vasile goldis western university of arad',
    );
    expect(toSearchKey('Zitec.com')).toBe('zitec com');
  });

  it('folds letters that have no decomposition', () => {
    expect(toSearchKey('Øresund Straße Łódź')).toBe('oresund strasse lodz');
  });

  it('keeps letters of other scripts', () => {
    expect(toSearchKey('日本 Кибер-Щит')).toBe('日本 кибер щит');
  });
});

describe('toSlug', () => {
  it('makes an ASCII slug, with a fallback for other scripts', () => {
    expect(toSlug('Școala de Valori')).toBe('scoala-de-valori');
    expect(toSlug('Ernst & Young Romania')).toBe('ernst-young-romania');
    expect(toSlug('日本')).toBe('organisation');
  });
});

describe('identityKeyOf', () => {
  it('combines the folded name and the country', () => {
    expect(identityKeyOf('Société Générale', 'FR')).toBe('societe generale|FR');
    expect(identityKeyOf('INTERPOL', null)).toBe('interpol|-');
  });
});
