import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

function tokenFromRequest(req: Request): string | undefined {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && '_csrf' in body && typeof body._csrf === 'string')
    return body._csrf;
  return req.get('x-csrf-token');
}

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: tokenFromRequest,
  errorConfig: { statusCode: 403, message: 'Invalid or missing CSRF token', code: 'EBADCSRFTOKEN' },
});

/**
 * The check itself, for an upload route to run once its multipart form has been read (the token is a
 * field of that form, which the app-wide body parsers do not read).
 */
export const verifyCsrfToken: RequestHandler = csrfSynchronisedProtection;

/**
 * Synchroniser tokens kept in the session; every method but GET, HEAD and OPTIONS must carry one. A
 * multipart POST to one of `uploadPaths` (exact path) is checked by its route with `verifyCsrfToken`
 * after the upload is read; any other multipart request is checked here and so refused.
 */
export function setUpCsrf(options: { uploadPaths?: readonly string[] } = {}): RequestHandler {
  const uploadPaths = new Set(options.uploadPaths ?? []);
  return (req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateToken(req));
    if (req.method === 'POST' && uploadPaths.has(req.path) && req.is('multipart/form-data')) return next();
    csrfSynchronisedProtection(req, res, next);
  };
}
