import { Router } from 'express';
import passport from 'passport';

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

export function setUpAuthentication(authenticator: Authenticator): Router {
  const router = Router();
  router.use(authenticator.initialize());
  router.use(authenticator.session());
  router.use((req, res, next) => {
    res.locals.currentUser = req.user;
    next();
  });
  return router;
}
