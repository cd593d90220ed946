import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from 'express';
import helmet from 'helmet';

type NonceResponse = ServerResponse & { locals: { cspNonce: string } };
const nonce = (_req: IncomingMessage, res: ServerResponse) =>
  `'nonce-${(res as NonceResponse).locals.cspNonce}'`;

/** Helmet with a strict CSP: scripts and inline styles only with this response's nonce. */
export function setUpSecurityHeaders(isProduction: boolean): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: [nonce],
          styleSrc: ["'self'", nonce],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: isProduction ? [] : null,
        },
      },
      strictTransportSecurity: isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  return router;
}
