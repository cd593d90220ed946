import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Answers JSON with a weak ETag made of the registry version and the request's URL, so a client holding
 * the current copy gets a 304 before any work is done, and any change to the registry renews every tag.
 */
export async function sendVersioned(
  req: Request,
  res: Response,
  version: string,
  build: () => unknown,
  /** JSON unless given: then `build` returns the body as text. */
  contentType?: string,
): Promise<void> {
  const digest = createHash('sha1').update(req.originalUrl).digest('base64url').slice(0, 16);
  res.setHeader('ETag', `W/"${version}-${digest}"`);
  res.setHeader('Cache-Control', 'no-cache');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const body = await build();
  if (contentType) res.type(contentType).send(String(body));
  else res.type('application/json').send(JSON.stringify(body));
}
