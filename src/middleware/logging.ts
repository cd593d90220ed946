import type { RequestHandler } from 'express';
import type { Level } from 'pino';
import type { Logger } from '../logger';

function levelOf(statusCode: number, finished: boolean): Level {
  if (!finished || statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

/** A long random path segment (a reset, invitation or confirmation token: mixed case, base64url). */
const TOKEN_SEGMENT = /[A-Za-z0-9_-]{20,}/g;
const looksRandom = (segment: string): boolean => /[A-Z]/.test(segment) && /[a-z]/.test(segment);

/** The path as logged: tokens a link carries in its path are replaced, so the log cannot replay them. */
export const loggablePath = (path: string): string =>
  path.replace(TOKEN_SEGMENT, (segment) => (looksRandom(segment) ? '[token]' : segment));

/**
 * One line per request once it ends: id, method, path (no query string, no tokens), status, milliseconds.
 * No headers, so no cookies, and no child logger per request: the line is written from fields already known.
 */
export function setUpLogging(logger: Logger): RequestHandler {
  // The line's fields are fixed and hold no secret, so it skips the redaction every other line goes through.
  const accessLog = logger.child({}, { redact: [] });
  return (req, res, next) => {
    const started = performance.now();
    req.log = logger;
    res.once('close', () => {
      const finished = res.writableFinished;
      const level = levelOf(res.statusCode, finished);
      if (!accessLog.isLevelEnabled(level)) return;
      const queryStart = req.originalUrl.indexOf('?');
      accessLog[level](
        {
          req: {
            id: req.id,
            method: req.method,
            path: loggablePath(queryStart < 0 ? req.originalUrl : req.originalUrl.slice(0, queryStart)),
          },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        finished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
