import createError from 'http-errors';
import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
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
): RateLimitRequestHandler {
  const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore(connection, `${options.name}:`),
    skip: options.writesOnly ? (req) => readMethods.has(req.method) : undefined,
    handler: (_req, _res, next) => next(createError(429)),
  });
}
