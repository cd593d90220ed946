import fs from 'node:fs';
import path from 'node:path';
import { localesDir } from '../../../paths';
import type { Problem } from './types';

type Messages = { [key: string]: string | Messages };
const cache = new Map<string, Messages>();

function messages(language: 'en' | 'fr'): Messages {
  let loaded = cache.get(language);
  if (!loaded) {
    const file = path.join(localesDir, language, 'evidence.json');
    loaded = (JSON.parse(fs.readFileSync(file, 'utf8')) as { problem: Messages }).problem;
    cache.set(language, loaded);
  }
  return loaded;
}

/** The problem's text from the evidence locale files (`problem.<code>`), with `{{param}}` filled in. */
export function describeProblem(found: Problem, language: 'en' | 'fr' = 'en'): string {
  const template = found.code
    .split('.')
    .reduce<string | Messages | undefined>(
      (node, part) => (typeof node === 'object' ? node[part] : undefined),
      messages(language),
    );
  if (typeof template !== 'string') return found.code;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(found.params?.[name] ?? whole));
}
