import fs from 'node:fs';
import path from 'node:path';
import { describeProblem } from '../../src/features/evidence/checks/describeProblem';
import { projectRoot, localesDir } from '../../src/paths';

type Tree = { [key: string]: string | Tree };
const read = (language: string) =>
  (JSON.parse(fs.readFileSync(path.join(localesDir, language, 'evidence.json'), 'utf8')) as { problem: Tree })
    .problem;
const flatten = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : flatten(value, `${prefix}${key}.`),
  );
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

const checksDir = path.join(projectRoot, 'src/features/evidence/checks');
const sourceCodes = fs
  .readdirSync(checksDir)
  .flatMap((file) => [
    ...fs.readFileSync(path.join(checksDir, file), 'utf8').matchAll(/problem\(\s*'([\w.]+)'/g),
  ])
  .map((match) => match[1] as string);

describe('problem texts', () => {
  const english = new Map(flatten(read('en')));
  const french = new Map(flatten(read('fr')));

  it('has an English and a French text, with the same parameters, for every code the checks use', () => {
    expect(sourceCodes.length).toBeGreaterThan(40);
    for (const code of sourceCodes) {
      expect([code, english.has(code), french.has(code)]).toEqual([code, true, true]);
    }
    for (const [code, text] of english) {
      expect([code, placeholders(french.get(code) ?? '')]).toEqual([code, placeholders(text)]);
    }
  });

  it('fills parameters in either language', () => {
    const found = { code: 'dmarc.partialPct', params: { pct: 50 } };
    expect(describeProblem(found, 'en')).toContain('only 50 % of failing mail');
    expect(describeProblem(found, 'fr')).toContain('50 % du courrier en échec');
  });
});
