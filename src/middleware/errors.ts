import type { ErrorRequestHandler, RequestHandler } from 'express';
import createError, { isHttpError } from 'http-errors';
import type { i18n } from 'i18next';
import { isDatabaseUnavailable } from '../db/availability';
import type { Logger } from '../logger';
import { createErrorPageCache } from './errorPages';
import { defaultLanguage, isLanguage } from './i18n';

/** Statuses with their own wording in the locale files; others fall back to their class. */
const describedStatuses = new Set([400, 403, 404, 413, 429, 500, 503]);

/** Marks a request no route answered; the error handler turns it into the 404 page. */
const notFound = Symbol('not found');

export function setUpNotFound(): RequestHandler {
  // No Error object: nothing to trace, and unknown addresses are the commonest failure.
  return (_req, _res, next) => next(notFound);
}

function statusOf(error: unknown): number {
  if (error === notFound) return 404;
  if (isDatabaseUnavailable(error)) return 503;
  if (isHttpError(error) && error.status >= 400 && error.status < 600) return error.status;
  // The router's answer to a malformed percent-encoding in an address: the visitor's mistake, not ours.
  if (error instanceof URIError && 'status' in error && error.status === 400) return 400;
  return 500;
}

/**
 * One place for every failure: answered as HTML or JSON, details hidden in production. Failures are
 * logged with the request id; refusals (4xx) are already in the access log line.
 */
export function setUpErrorHandler(logger: Logger, i18n: i18n, isProduction: boolean): ErrorRequestHandler {
  const sendErrorPage = createErrorPageCache();
  return async (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error === notFound ? createError(404) : error);
    const status = statusOf(error);
    if (status >= 500) logger.error({ err: error, requestId: req.id }, 'request failed');

    const key = describedStatuses.has(status) ? String(status) : status >= 500 ? '500' : '400';
    const lang = isLanguage(req.language) ? req.language : defaultLanguage;
    const t = req.t ?? i18n.getFixedT(lang);
    const title = t(`errors.${key}.title`);
    const detail = !isProduction && status >= 500 && error instanceof Error ? error.stack : undefined;
    res.status(status);
    if (status === 503) res.setHeader('Retry-After', '30');

    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { status, message: title, requestId: req.id, ...(detail ? { detail } : {}) } });
      return;
    }
    await sendErrorPage(req, res, { status, title, message: t(`errors.${key}.message`), detail, lang, t });
  };
}
