import { getDomain } from 'tldts';
import { normaliseDomain } from '../checks/domainName';

/** The registrable domain of a website address (`https://www.example.org/x` → `example.org`); null when none. */
export function registrableDomainOf(website: string | null | undefined): string | null {
  if (!website) return null;
  let hostname: string;
  try {
    hostname = new URL(website).hostname;
  } catch {
    return null;
  }
  const domain = getDomain(hostname);
  return domain ? normaliseDomain(domain) : null;
}
