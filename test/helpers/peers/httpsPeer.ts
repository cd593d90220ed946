import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { ServerCertificate, TestCertificates } from './testCa';

export interface Route {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Accept the request and never answer it. */
  hang?: boolean;
}

/** Routes keyed by `host/path`, e.g. `example.test/.well-known/security.txt`; anything else is a 404. */
export type Routes = Record<string, Route>;

export interface HttpsPeer {
  port: number;
  routes: Routes;
  requests: string[];
  close(): Promise<void>;
}

/** The certificate for each name a client asks for (SNI), when names are spread over several certificates. */
function sniContexts(certificates: readonly ServerCertificate[]): Map<string, SecureContext> {
  const contexts = new Map<string, SecureContext>();
  for (const { hostnames, keyPem, certPem } of certificates) {
    const context = createSecureContext({ key: keyPem, cert: certPem });
    for (const hostname of hostnames) contexts.set(hostname, context);
  }
  return contexts;
}

/**
 * A real HTTPS server on loopback serving fixture files under the test authority's certificate, or under
 * the one of `byName` that covers the name asked for.
 */
export async function startHttpsPeer(
  certificates: TestCertificates,
  routes: Routes,
  byName: readonly ServerCertificate[] = [],
): Promise<HttpsPeer> {
  const requests: string[] = [];
  const contexts = sniContexts(byName);
  const options = {
    key: certificates.keyPem,
    cert: certificates.certPem,
    SNICallback: (name: string, done: (error: Error | null, context?: SecureContext) => void) =>
      done(null, contexts.get(name)),
  };
  const server = https.createServer(options, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const key = `${host}${req.url ?? '/'}`;
    requests.push(key);
    const route = routes[key];
    if (route?.hang) return;
    res.writeHead(route ? (route.status ?? 200) : 404, {
      'content-type': route?.contentType ?? 'text/plain; charset=utf-8',
      ...route?.headers,
    });
    // Written then ended separately so large bodies go out chunked, without a Content-Length.
    if (route?.body !== undefined) res.write(route.body);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
