import type { Language } from '../../middleware/i18n';
import { formatNumber } from './labels';
import { directoryUrl, type DirectoryQuery } from './query';

export interface PageLink {
  label: string;
  url: string | null;
  current: boolean;
  gap: boolean;
}

export interface Pagination {
  previousUrl: string | null;
  nextUrl: string | null;
  pages: PageLink[];
}

/** First, last and two either side of the current page, with gaps between. */
export function pageLinks(query: DirectoryQuery, lastPage: number, lang: Language): Pagination {
  const urlOf = (page: number) => directoryUrl({ ...query, page });
  const shown = new Set([1, lastPage]);
  for (let page = query.page - 2; page <= query.page + 2; page += 1)
    if (page >= 1 && page <= lastPage) shown.add(page);
  const pages: PageLink[] = [];
  let previous = 0;
  for (const page of [...shown].sort((a, b) => a - b)) {
    if (page - previous > 1) pages.push({ label: '…', url: null, current: false, gap: true });
    pages.push({
      label: formatNumber(page, lang),
      url: urlOf(page),
      current: page === query.page,
      gap: false,
    });
    previous = page;
  }
  return {
    previousUrl: query.page > 1 && query.page <= lastPage ? urlOf(query.page - 1) : null,
    nextUrl: query.page < lastPage ? urlOf(query.page + 1) : null,
    pages: lastPage > 1 ? pages : [],
  };
}
