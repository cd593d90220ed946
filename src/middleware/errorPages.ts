import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import type { Language } from './i18n';

/** What an error page shows; everything but the request id is the same for every request. */
export interface ErrorPage {
  status: number;
  title: string;
  message: string;
  /** A stack trace, outside production only; a page with one is never cached, nor one naming a reader. */
  detail: string | undefined;
  lang: Language;
  t: TFunction;
}

/** Stands in for the request id while a page is rendered for the cache, then is replaced by the real one. */
const requestIdMarker = `request-id-${randomUUID()}`;

/**
 * Error pages rendered once per language and status, with the current URL's language links written as
 * `?lang=` (relative, so they keep the path) and the request id put in at send time: a 404 costs a string
 * concatenation, not a template render.
 */
export function createErrorPageCache() {
  const pages = new Map<string, string[]>();

  function render(res: Response, page: ErrorPage): Promise<string[]> {
    const locals = {
      ...page,
      requestId: requestIdMarker,
      currentPath: '',
      languageUrls: { en: '?lang=en', fr: '?lang=fr' },
    };
    return new Promise((resolve, reject) =>
      res.app.render('errors/error', { ...res.locals, ...locals }, (error, html) =>
        error ? reject(error) : resolve(html.split(requestIdMarker)),
      ),
    );
  }

  return async function sendErrorPage(req: Request, res: Response, page: ErrorPage): Promise<void> {
    const shared = !res.locals.currentUser && res.locals.flashMessages.length === 0;
    if (page.detail !== undefined || !shared) {
      res.render('errors/error', { ...page, requestId: req.id });
      return;
    }
    const key = `${page.lang}|${page.status}`;
    let parts = pages.get(key);
    if (!parts) {
      parts = await render(res, page);
      pages.set(key, parts);
    }
    // The id is a UUID or matched [A-Za-z0-9._-] on arrival (requestId.ts), so it needs no escaping.
    res.type('html').send(parts.join(req.id));
  };
}
