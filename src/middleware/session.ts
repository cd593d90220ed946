import type { Request, RequestHandler } from 'express';
import MongoStore from 'connect-mongo';
import session from 'express-session';
import { ConnectionStates, type Connection } from 'mongoose';
import type { MongoClient } from 'mongodb';
import type { Config } from '../config';

export const sessionCookieName = 'accord.sid';

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
    collectionName: 'sessions',
    ttl: Math.round(config.sessionMaxAgeMs / 1000),
    autoRemove: 'native',
    touchAfter: 300,
  });
  return session({
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
