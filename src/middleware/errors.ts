import type { ErrorRequestHandler, RequestHandler } from 'express';
import createError, { isHttpError } from 'http-errors';
import type { i18n } from 'i18next';
import { isDatabaseUnavailable } from '../db/availability';
import type { Logger } from '../logger';
import { defaultLanguage, isLanguage } from './i18n';

/** Statuses with their own wording in the locale files; others fall back to their class. */
const describedStatuses = new Set([400, 403, 404, 413, 429, 500, 503]);

export function setUpNotFound(): RequestHandler {
  return (_req, _res, next) => next(createError(404));
}

function statusOf(error: unknown): number {
  if (isDatabaseUnavailable(error)) return 503;
  if (isHttpError(error) && error.status >= 400 && error.status < 600) return error.status;
  return 500;
}

/** One place for every failure: logged with the request id, answered as HTML or JSON, details hidden in production. */
export function setUpErrorHandler(logger: Logger, i18n: i18n, isProduction: boolean): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = statusOf(error);
    const log = req.log ?? logger;
    if (status >= 500) log.error({ err: error, requestId: req.id }, 'request failed');
    else log.info({ status, requestId: req.id }, 'request refused');

    const key = describedStatuses.has(status) ? String(status) : status >= 500 ? '500' : '400';
    const t = i18n.getFixedT(isLanguage(req.language) ? req.language : defaultLanguage);
    const title = t(`errors.${key}.title`);
    const detail = !isProduction && status >= 500 && error instanceof Error ? error.stack : undefined;
    res.status(status);
    if (status === 503) res.setHeader('Retry-After', '30');

    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { status, message: title, requestId: req.id, ...(detail ? { detail } : {}) } });
      return;
    }
    res.render('errors/error', {
      title,
      status,
      message: t(`errors.${key}.message`),
      requestId: req.id,
      detail,
    });
  };
}
