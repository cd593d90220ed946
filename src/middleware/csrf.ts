import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

function tokenFromRequest(req: Request): string | undefined {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && '_csrf' in body && typeof body._csrf === 'string')
    return body._csrf;
  return req.get('x-csrf-token');
}

/** Synchroniser tokens kept in the session; every method but GET, HEAD and OPTIONS must carry one. */
export function setUpCsrf(): RequestHandler {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: tokenFromRequest,
    errorConfig: { statusCode: 403, message: 'Invalid or missing CSRF token', code: 'EBADCSRFTOKEN' },
  });
  return (req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateToken(req));
    csrfSynchronisedProtection(req, res, next);
  };
}
