import { getDomain } from 'tldts';
import type { HttpClient, HttpOutcome } from './httpClient';
import { problem, type Problem } from './types';

export const MAX_SECURITY_TXT_BYTES = 100 * 1024;
export const MAX_SECURITY_TXT_REDIRECTS = 3;

export type SecurityTxtFetch =
  | { kind: 'fetched'; url: string; outcome: HttpOutcome }
  | { kind: 'refused-redirect'; url: string; found: Problem };

const registrableDomain = (host: string): string => getDomain(host, { allowPrivateDomains: true }) ?? host;

/** Redirects are followed only over https, within the same registrable domain, at most three times. */
export async function fetchSecurityTxt(http: HttpClient, domain: string): Promise<SecurityTxtFetch> {
  const home = registrableDomain(domain);
  const deadline = http.deadline();
  let url = `https://${domain}/.well-known/security.txt`;
  for (let redirects = 0; ; redirects++) {
    const outcome = await http.get(url, MAX_SECURITY_TXT_BYTES, deadline);
    const isRedirect = outcome.kind === 'response' && outcome.status >= 300 && outcome.status < 400;
    if (!isRedirect || !outcome.location) return { kind: 'fetched', url, outcome };
    if (redirects === MAX_SECURITY_TXT_REDIRECTS) {
      return {
        kind: 'refused-redirect',
        url,
        found: problem('securityTxt.tooManyRedirects', { max: redirects }),
      };
    }
    let next: URL;
    try {
      next = new URL(outcome.location, url);
    } catch {
      return {
        kind: 'refused-redirect',
        url,
        found: problem('securityTxt.badRedirect', { location: outcome.location }),
      };
    }
    if (next.protocol !== 'https:') {
      return {
        kind: 'refused-redirect',
        url,
        found: problem('securityTxt.redirectNotHttps', { location: next.href }),
      };
    }
    if (registrableDomain(next.hostname) !== home) {
      return {
        kind: 'refused-redirect',
        url,
        found: problem('securityTxt.redirectOffDomain', { location: next.href }),
      };
    }
    url = next.href;
  }
}
