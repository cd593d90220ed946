import createError from 'http-errors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Connection } from 'mongoose';
import { MongoRateLimitStore } from './rateLimitStore';

export interface RateLimitOptions {
  /** Distinguishes this limiter's counters from others' in the shared collection. */
  name: string;
  windowMs: number;
  limit: number;
  /** Limit only requests that change something (reads are cheap and cached). */
  writesOnly?: boolean;
}

/** A limiter whose counters live in MongoDB; features create stricter ones (sign-in, password reset). */
export function createRateLimiter(
  connection: Connection,
  options: RateLimitOptions,
): RequestHandler {
  const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
  const limiter = rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore(connection, `${options.name}:`),
    handler: (_req, _res, next) => next(createError(429)),
  });
  if (!options.writesOnly) return limiter;
  // Skipped before the limiter, which would otherwise spend an await on every read.
  return (req, res, next) => (readMethods.has(req.method) ? next() : limiter(req, res, next));
}
