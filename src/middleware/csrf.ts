import { Router, type Request } from 'express';
import { csrfSync } from 'csrf-sync';

function tokenFromRequest(req: Request): string | undefined {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && '_csrf' in body && typeof body._csrf === 'string')
    return body._csrf;
  return req.get('x-csrf-token');
}

/** Synchroniser tokens kept in the session; every method but GET, HEAD and OPTIONS must carry one. */
export function setUpCsrf(): Router {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: tokenFromRequest,
    errorConfig: { statusCode: 403, message: 'Invalid or missing CSRF token', code: 'EBADCSRFTOKEN' },
  });
  const router = Router();
  router.use(csrfSynchronisedProtection);
  router.use((req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateToken(req));
    next();
  });
  return router;
}
