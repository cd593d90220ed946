import type { Request, RequestHandler, Response } from 'express';
import MongoStore from 'connect-mongo';
import session from 'express-session';
import { ConnectionStates, type Connection } from 'mongoose';
import type { MongoClient } from 'mongodb';
import type { Config } from '../config';

export const sessionCookieName = 'accord.sid';
export const sessionCollectionName = 'sessions';
const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** GET, HEAD and OPTIONS: methods that change nothing and carry no CSRF token. */
export const isReadMethod = (method: string): boolean => readMethods.has(method);

/** Whether the browser sent a session cookie (read by cookie-parser); without one nobody is signed in. */
export function hasSessionCookie(req: Request): boolean {
  return (req.cookies as Record<string, unknown> | undefined)?.[sessionCookieName] !== undefined;
}

/**
 * A reader who has no session gets one only when something uses `req.session` (a form's CSRF token, a
 * flash message); until then nothing is generated, hashed or hooked into the response.
 */
function startOnFirstUse(req: Request, res: Response, start: RequestHandler): void {
  const settle = (value: unknown) =>
    Object.defineProperty(req, 'session', { value, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(req, 'session', {
    configurable: true,
    enumerable: true,
    get() {
      settle(undefined);
      // Without a session cookie express-session works synchronously: it generates the session and calls back.
      // The only failure that comes back here is saving the new session when the response ends (the store
      // away in a database outage): the page has gone out, so log it; throwing would take the process down.
      start(req, res, (error?: unknown) => {
        if (error) req.log?.warn({ err: error, requestId: req.id }, 'new session not saved');
      });
      return req.session;
    },
    set: settle,
  });
}

/** The driver client once mongoose has connected, so the app can be built before the database is up. */
function connectedClient(connection: Connection): Promise<MongoClient> {
  if (connection.readyState === ConnectionStates.connected) return Promise.resolve(connection.getClient());
  return new Promise((resolve) => connection.once('connected', () => resolve(connection.getClient())));
}

/** Sessions live in MongoDB so any app server behind the load balancer can answer any request. */
export function setUpSession(
  config: Pick<Config, 'sessionSecret' | 'sessionMaxAgeMs' | 'isProduction'>,
  connection: Connection,
): RequestHandler {
  const store = MongoStore.create({
    clientPromise: connectedClient(connection),
    collectionName: sessionCollectionName,
    // Stored as documents so a user's sessions can be found (and ended) by `session.passport.user`.
    stringify: false,
    ttl: Math.round(config.sessionMaxAgeMs / 1000),
    autoRemove: 'native',
    touchAfter: 300,
  });
  const startSession = session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.isProduction,
      maxAge: config.sessionMaxAgeMs,
    },
  });
  return (req, res, next) => {
    if (hasSessionCookie(req) || !readMethods.has(req.method)) return startSession(req, res, next);
    startOnFirstUse(req, res, startSession);
    next();
  };
}

/** A new session id on sign-in (against session fixation), keeping nothing from the old one. */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => (error ? reject(error) : resolve())),
  );
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.destroy((error) => (error ? reject(error) : resolve())),
  );
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}
