import type { Response } from 'express';
import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { resultRow } from './listView';
import type { DirectoryEntry } from './snapshot';

/** Results kept per language (about 0.7 KiB each): every organisation of a registry of this size. */
const RESULTS_KEPT_PER_LANGUAGE = 25_000;

function renderRow(res: Response, entry: DirectoryEntry, lang: Language, t: TFunction): Promise<string> {
  return new Promise((resolve, reject) =>
    res.render(
      'directory/result',
      { row: resultRow(entry, lang, t), t },
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
 * rendered afresh, so an edited template shows at once. At most `capacity` are kept per language.
 */
export function createResultRows(
  capacity = RESULTS_KEPT_PER_LANGUAGE,
): (res: Response, entries: readonly DirectoryEntry[], lang: Language, t: TFunction) => Promise<string[]> {
  const rendered = new Map<Language, { byEntry: WeakMap<DirectoryEntry, string>; count: number }>();
  const shelf = (lang: Language) => {
    let current = rendered.get(lang);
    // A bound on memory for large registries: past it, the language starts again from nothing.
    if (!current || current.count >= capacity) {
      current = { byEntry: new WeakMap(), count: 0 };
      rendered.set(lang, current);
    }
    return current;
  };
  return async (res, entries, lang, t) => {
    const keep = res.app.enabled('view cache');
    const shelved = shelf(lang);
    const { byEntry } = shelved;
    const html: string[] = [];
    const misses: Promise<void>[] = [];
    entries.forEach((entry, index) => {
      const known = keep ? byEntry.get(entry) : undefined;
      if (known !== undefined) html[index] = known;
      else
        misses.push(
          renderRow(res, entry, lang, t).then((fresh) => {
            html[index] = fresh;
            if (keep) {
              byEntry.set(entry, fresh);
              shelved.count += 1;
            }
          }),
        );
    });
    await Promise.all(misses);
    return html;
  };
}
