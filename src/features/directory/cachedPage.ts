import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import createError from 'http-errors';
import type { RenderCache } from './renderCache';

export interface PageToRender {
  view: string;
  locals: Record<string, unknown>;
}

/** What a page builder decides: render a view, send the reader elsewhere, or there is no such page. */
export type PageOutcome = PageToRender | { redirect: string; permanent?: boolean } | null;

/** A rendered page as sent (bytes, so sending converts nothing) and the digest its ETag carries. */
export interface RenderedPage {
  body: Buffer;
  digest: string;
}

export interface CachedPageContext {
  cache: RenderCache<RenderedPage>;
  /** The registry version the page was built from. */
  version: string;
  changedAt: Date;
  /**
   * What, besides version and language, the page depends on (the canonical query, a slug); null for a
   * request carrying parameters the page ignores, which is rendered afresh rather than cached, so an odd
   * address can neither fill the cache nor shape what others are served (the header's language links).
   */
  key: string | null;
}

/** Pages without a query of their own are cached only when the address carries nothing but `lang`. */
export function onlyLanguageParameter(query: Record<string, unknown>): boolean {
  return Object.keys(query).every((name) => name === 'lang');
}

/** Only pages nobody is signed in to, with no one-off message, are the same for everyone. */
function isSharedPage(res: Response): boolean {
  return !res.locals.currentUser && res.locals.flashMessages.length === 0;
}

function renderToString(res: Response, page: PageToRender): Promise<string> {
  return new Promise((resolve, reject) =>
    res.render(page.view, page.locals, (error: Error | null, html?: string) =>
      error ? reject(error) : resolve(html ?? ''),
    ),
  );
}

/**
 * Anonymous pages get a weak ETag from (registry version, language, key) and a Last-Modified from when
 * this server first saw the version: a matching If-None-Match is answered 304 before any work, and a
 * rendered page is kept in the LRU cache until the version changes.
 */
export async function sendCachedPage(
  req: Request,
  res: Response,
  context: CachedPageContext,
  build: () => PageOutcome | Promise<PageOutcome>,
): Promise<void> {
  if (!isSharedPage(res) || context.key === null) {
    const page = await build();
    if (page === null) throw createError(404);
    if ('redirect' in page) res.redirect(page.permanent ? 301 : 302, page.redirect);
    else res.render(page.view, page.locals);
    return;
  }
  const cacheKey = `${req.language}|${context.key}`;
  const cached = context.cache.get(context.version, cacheKey);
  const digest = cached?.digest ?? createHash('sha1').update(cacheKey).digest('base64url').slice(0, 16);
  res.setHeader('ETag', `W/"${context.version}-${digest}"`);
  res.setHeader('Last-Modified', context.changedAt.toUTCString());
  res.setHeader('Cache-Control', 'no-cache');
  res.vary('Accept-Language, Cookie');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  let page = cached;
  if (page === undefined) {
    const outcome = await build();
    if (outcome === null || 'redirect' in outcome) {
      for (const header of ['ETag', 'Last-Modified', 'Cache-Control']) res.removeHeader(header);
      if (outcome === null) throw createError(404);
      res.redirect(outcome.permanent ? 301 : 302, outcome.redirect);
      return;
    }
    page = { body: Buffer.from(await renderToString(res, outcome)), digest };
    context.cache.set(context.version, cacheKey, page);
  }
  res.type('html').send(page.body);
}
