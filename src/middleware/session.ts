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

const startOnFirstRead = Symbol('starts the session on first read');
type LazySessionRequest = Request & { [startOnFirstRead]?: () => void };

/**
 * `req.session` as an accessor on the app's request prototype, defined once: a request marked with
 * `startOnFirstRead` starts its session when something first reads it (a form's CSRF token, a flash
 * message); whatever is assigned (express-session's new session) becomes the request's own property. Not
 * defined per request: an accessor on each request's own object gives every request a hidden class of its
 * own, which kept each request's objects alive past the young generation's collections.
 */
function defineLazySession(requestPrototype: object): void {
  Object.defineProperty(requestPrototype, 'session', {
    configurable: true,
    get(this: LazySessionRequest): unknown {
      const start = this[startOnFirstRead];
      if (!start) return undefined;
      this[startOnFirstRead] = undefined;
      start();
      return this.session;
    },
    set(this: LazySessionRequest, value: unknown) {
      Object.defineProperty(this, 'session', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

/**
 * A reader who has no session gets one only when something uses `req.session`; until then nothing is
 * generated, hashed or hooked into the response.
 */
function startOnFirstUse(req: LazySessionRequest, res: Response, start: RequestHandler): void {
  // Without a session cookie express-session works synchronously: it generates the session and calls back.
  // The only failure that comes back here is saving the new session when the response ends (the store
  // away in a database outage): the page has gone out, so log it; throwing would take the process down.
  req[startOnFirstRead] = () =>
    start(req, res, (error?: unknown) => {
      if (error) req.log?.warn({ err: error, requestId: req.id }, 'new session not saved');
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
  requestPrototype: object,
): RequestHandler {
  defineLazySession(requestPrototype);
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
