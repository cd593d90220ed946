import fs from 'node:fs';
import path from 'node:path';
import { languages, readLocaleResources } from '../../src/middleware/i18n';
import { localesDir } from '../../src/paths';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe('locale files', () => {
  const resources = readLocaleResources(localesDir);
  const namespaces = new Set(languages.flatMap((lang) => fs.readdirSync(path.join(localesDir, lang))));

  it('every language has the same namespace files', () => {
    for (const lang of languages) {
      expect(fs.readdirSync(path.join(localesDir, lang)).sort()).toEqual([...namespaces].sort());
    }
  });

  it.each([...namespaces].map((file) => path.basename(file, '.json')))(
    'namespace %s has the same keys in English and French, none empty',
    (namespace) => {
      const [en, fr] = languages.map((lang) => resources[lang]?.[namespace]);
      expect(keyPaths(fr).sort()).toEqual(keyPaths(en).sort());
      for (const lang of languages) {
        const values = keyPaths(resources[lang]?.[namespace]).map((key) =>
          key
            .split('.')
            .reduce<unknown>(
              (node, part) => (node as Record<string, unknown>)[part],
              resources[lang]?.[namespace],
            ),
        );
        expect(values.filter((value) => typeof value !== 'string' || value.trim() === '')).toEqual([]);
      }
    },
  );
});
