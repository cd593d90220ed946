import { createDnsClient, type DnsClient } from './dnsClient';
import { createHttpClient, type HttpClient } from './httpClient';

/** What every check needs from the outside world; built once and shared by many checks. */
export interface CheckContext {
  dns: DnsClient;
  http: HttpClient;
  now: () => Date;
}

export interface CheckContextOptions {
  dnsServers?: readonly string[];
  dnsTimeoutMs?: number;
  httpsPort?: number;
  httpTimeoutMs?: number;
  allowPrivateAddresses: boolean;
  ca?: string;
  now?: () => Date;
}

export function createCheckContext(options: CheckContextOptions): CheckContext {
  const dns = createDnsClient({ servers: options.dnsServers, timeoutMs: options.dnsTimeoutMs });
  const http = createHttpClient({
    dns,
    allowPrivateAddresses: options.allowPrivateAddresses,
    httpsPort: options.httpsPort,
    totalTimeoutMs: options.httpTimeoutMs,
    ca: options.ca,
  });
  return { dns, http, now: options.now ?? (() => new Date()) };
}
