import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const acceptableIncomingId = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a load balancer's X-Request-Id when it looks sane, otherwise makes one. */
export function setUpRequestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && acceptableIncomingId.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = req.id;
    res.setHeader('X-Request-Id', req.id);
    next();
  };
}
