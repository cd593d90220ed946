import { createI18n, memoised } from '../../src/middleware/i18n';
import { localesDir } from '../../src/paths';

describe('memoised translator', () => {
  const missing: string[] = [];
  const i18n = createI18n(localesDir, (lang, ns, key) => missing.push(`${lang}:${ns}:${key}`));

  it.each(['en', 'fr'])('gives what i18next gives, in %s, for bare keys and calls with options', (lang) => {
    const plain = i18n.getFixedT(lang);
    const t = memoised(plain);
    for (let round = 0; round < 2; round += 1) {
      expect(t('nav.home')).toBe(plain('nav.home'));
      expect(t('activities:announcement.initiative.paris-call')).toBe(
        plain('activities:announcement.initiative.paris-call'),
      );
      for (const count of [1, 7]) {
        const options = { count, initiative: 'X' };
        expect(t('activities:announcement.title', options)).toBe(
          plain('activities:announcement.title', options),
        );
      }
    }
    expect(t('activities:announcement.title', { count: 7, initiative: 'X' })).toContain('7');
    const nested = { count: 2, initiative: 'X', extra: { deep: true } };
    expect(t('activities:announcement.title', nested)).toBe(plain('activities:announcement.title', nested));
    for (const fallback of ['first', 'second']) {
      expect(t('common:no.such.label', { defaultValue: fallback })).toBe(fallback);
      expect(t('nav.home', { defaultValue: fallback })).toBe(plain('nav.home'));
    }
  });

  it('still reports a missing key the first time it is asked for', () => {
    const t = memoised(i18n.getFixedT('en'));
    missing.length = 0;
    expect(t('common:no.such.key')).toBe('no.such.key');
    expect(t('common:no.such.key')).toBe('no.such.key');
    expect(missing).toEqual(['en:common:no.such.key']);
  });
});
