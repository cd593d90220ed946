export type WebsiteLookup =
  | { ok: true; website: string | null; domain: string | null; repaired: boolean }
  | { ok: false; reason: string };

/** "https://https:www.x.org" or "https://HTTPS ://www.x.org" — a scheme typed twice — is repaired, not rejected. */
const DOUBLED_SCHEME = /^(https?):\/\/\s*https?\s*:\/*/i;

/** Normalises with the WHATWG URL parser; only http(s) with a dotted host name is accepted. */
export function normaliseWebsite(raw: string): WebsiteLookup {
  let text = raw.trim();
  if (text === '') return { ok: true, website: null, domain: null, repaired: false };
  if (text.length > 500) return { ok: false, reason: 'website is longer than 500 characters' };
  const repaired = DOUBLED_SCHEME.test(text);
  if (repaired) text = text.replace(DOUBLED_SCHEME, '$1://');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `website "${raw.trim().slice(0, 80)}" is not a valid URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `website must use http or https, not ${url.protocol.replace(':', '')}` };
  }
  if (!url.hostname.includes('.') || url.username || url.password) {
    return { ok: false, reason: `website "${raw.trim().slice(0, 80)}" has no valid host name` };
  }
  url.hash = '';
  const href = url.pathname === '/' && url.search === '' ? url.origin : url.href;
  return { ok: true, website: href, domain: url.hostname.replace(/^www\./, ''), repaired };
}
