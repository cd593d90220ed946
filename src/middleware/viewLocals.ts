import type { RequestHandler } from 'express';

/** Defaults every template may rely on, set before any route renders. */
export function setUpViewLocals(assetUrl: (publicPath: string) => string): RequestHandler {
  return (_req, res, next) => {
    res.locals.assetUrl = assetUrl;
    res.locals.currentUser ??= undefined;
    res.locals.flashMessages ??= [];
    res.locals.csrfToken ??= () => '';
    next();
  };
}
