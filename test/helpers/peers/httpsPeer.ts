import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificates } from './testCa';

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

/** A real HTTPS server on loopback serving fixture files under the test authority's certificate. */
export async function startHttpsPeer(certificates: TestCertificates, routes: Routes): Promise<HttpsPeer> {
  const requests: string[] = [];
  const server = https.createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
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
