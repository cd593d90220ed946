import type { RequestHandler } from 'express';
import passport from 'passport';
import { hasSessionCookie, isReadMethod } from './session';

export type Authenticator = InstanceType<typeof passport.Authenticator>;
export type UserLoader = (id: string) => Promise<Express.User | null>;

/**
 * A Passport instance per app (no global state between apps). Only the user id goes into the session;
 * strategies are registered by the accounts feature on the returned instance.
 */
export function createAuthenticator(loadUser: UserLoader): Authenticator {
  const authenticator = new passport.Authenticator();
  authenticator.serializeUser((user, done) => done(null, user.id));
  authenticator.deserializeUser((id: unknown, done) => {
    if (typeof id !== 'string') return done(null, false);
    loadUser(id).then(
      (user) => done(null, user ?? false),
      (error: unknown) => done(error),
    );
  });
  return authenticator;
}

/**
 * Passport where someone can be signed in or sign in: a request with a session cookie, or one that writes
 * (signing in is a POST). An anonymous read has no session to restore and calls none of Passport's request
 * methods, so it skips the properties Passport would add to it.
 */
export function setUpAuthentication(authenticator: Authenticator): RequestHandler {
  const initialize = authenticator.initialize() as RequestHandler;
  const restoreUser = authenticator.session() as RequestHandler;
  return (req, res, next) => {
    const withSession = hasSessionCookie(req);
    if (!withSession && isReadMethod(req.method)) {
      res.locals.currentUser = undefined;
      return next();
    }
    initialize(req, res, () => {
      if (!withSession) {
        res.locals.currentUser = undefined;
        return next();
      }
      restoreUser(req, res, (error?: unknown) => {
        if (error) return next(error);
        res.locals.currentUser = req.user;
        next();
      });
    });
  };
}
