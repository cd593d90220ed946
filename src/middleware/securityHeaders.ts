import { randomFillSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const NONCE_BYTES = 16;
const NONCES_PER_FILL = 256;

/** 16 random bytes per response, drawn from a buffer refilled every 256 responses rather than each time. */
function createNonceSource(): () => string {
  const pool = Buffer.alloc(NONCE_BYTES * NONCES_PER_FILL);
  let next = NONCES_PER_FILL;
  return () => {
    if (next === NONCES_PER_FILL) {
      randomFillSync(pool);
      next = 0;
    }
    const start = next * NONCE_BYTES;
    next += 1;
    return pool.toString('base64', start, start + NONCE_BYTES);
  };
}

function helmetFor(isProduction: boolean, nonce: (req: IncomingMessage, res: ServerResponse) => string) {
  return helmet({
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
  });
}

/**
 * The headers Helmet sets, worked out once: Helmet runs against a recording response whose nonce is a
 * marker, and every request then gets the same headers with its own nonce put where the marker was.
 */
function recordHelmetHeaders(isProduction: boolean): Map<string, string> {
  const marker = `nonce-marker-${createNonceSource()()}`;
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  helmetFor(isProduction, () => `'nonce-${marker}'`)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    () => undefined,
  );
  const policy = headers.get('Content-Security-Policy');
  if (!policy?.includes(marker)) throw new Error('Helmet did not set the expected Content-Security-Policy');
  headers.set('Content-Security-Policy', policy.split(marker).join('\0'));
  return headers;
}

/** Helmet's headers with a strict CSP: scripts and inline styles only with this response's nonce. */
export function setUpSecurityHeaders(isProduction: boolean): RequestHandler {
  const recorded = recordHelmetHeaders(isProduction);
  const policyParts = (recorded.get('Content-Security-Policy') ?? '').split('\0');
  recorded.delete('Content-Security-Policy');
  const fixedHeaders = [...recorded];
  const nextNonce = createNonceSource();
  return (_req, res, next) => {
    const nonce = nextNonce();
    res.locals.cspNonce = nonce;
    res.setHeader('Content-Security-Policy', policyParts.join(nonce));
    for (const [name, value] of fixedHeaders) res.setHeader(name, value);
    next();
  };
}
