import type { Response } from 'express';
import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { resultRow } from './listView';
import type { DirectoryEntry } from './snapshot';

function renderRow(res: Response, entry: DirectoryEntry, lang: Language, t: TFunction): Promise<string> {
  return new Promise((resolve, reject) =>
    res.render(
      'directory/result',
      { row: resultRow(entry, lang, t) },
      (error: Error | null, html?: string) => (error ? reject(error) : resolve(html ?? '')),
    ),
  );
}

/**
 * Each listed organisation's result as HTML, rendered once per entry and language and reused by every
 * listing, sort and page that shows it. A result depends only on its entry and on labels loaded at start,
 * and a changed organisation gets a new entry, so entries are the keys and a replaced entry's HTML goes
 * with it. A crawler walking the pages (each a miss of the page cache) then costs the page around the
 * results, not twenty results rendered again. Without the view cache (development) every result is
 * rendered afresh, so an edited template shows at once.
 */
export function createResultRows(): (
  res: Response,
  entries: readonly DirectoryEntry[],
  lang: Language,
  t: TFunction,
) => Promise<string[]> {
  const rendered: Record<Language, WeakMap<DirectoryEntry, string>> = {
    en: new WeakMap(),
    fr: new WeakMap(),
  };
  return async (res, entries, lang, t) => {
    const keep = res.app.enabled('view cache');
    const byEntry = rendered[lang];
    const html: string[] = [];
    const misses: Promise<void>[] = [];
    entries.forEach((entry, index) => {
      const kept = keep ? byEntry.get(entry) : undefined;
      if (kept !== undefined) html[index] = kept;
      else
        misses.push(
          renderRow(res, entry, lang, t).then((fresh) => {
            html[index] = fresh;
            if (keep) byEntry.set(entry, fresh);
          }),
        );
    });
    await Promise.all(misses);
    return html;
  };
}
