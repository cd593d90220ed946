import type { NextFunction, Request, RequestHandler, Response } from 'express';
import createError from 'http-errors';
import { actorFrom, type Actor } from '../audit/actor';

/** Anonymous visitors go to the sign-in page and come back here afterwards. */
export function requireSignedIn(): RequestHandler {
  return (req, res, next) => {
    if (req.user) return next();
    res.redirect(303, `/account/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
  };
}

/**
 * Load, then authorise: runs after a loader put the subject in `res.locals`. A refusal answers 404 by
 * default, so a member cannot learn that another organisation's pages exist.
 */
export function authorise(
  decide: (actor: Actor, req: Request, res: Response) => boolean,
  refusal: 404 | 403 = 404,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) {
      res.redirect(303, `/account/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (decide(actorFrom(req), req, res)) return next();
    next(createError(refusal));
  };
}
