import type { Response } from 'express';

export interface Licence {
  name: string;
  url: string;
}

/** Header values must be visible ASCII; the configured name is shown in full in the documents themselves. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]|["\\]/g, '');

/**
 * Every open data answer is public and readable from any origin (no credentials are ever involved), and
 * names its licence in a Link header; downloads also say when they were generated.
 */
export function setOpenDataHeaders(res: Response, licence: Licence, generatedAt?: Date): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader(
    'Access-Control-Expose-Headers',
    'ETag, Link, RateLimit, RateLimit-Policy, Retry-After, X-Generated-At',
  );
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Link', `<${encodeURI(licence.url)}>; rel="license"; title="${headerSafe(licence.name)}"`);
  if (generatedAt) res.setHeader('X-Generated-At', generatedAt.toISOString());
}
