import { createCheckContext, type CheckContext } from '../../src/features/evidence/checks/context';
import { startDnsPeer, type DnsPeer, type Zone } from '../helpers/peers/dnsPeer';
import { startHttpsPeer, type HttpsPeer, type Routes } from '../helpers/peers/httpsPeer';
import { createTestCertificates, type TestCertificates } from '../helpers/peers/testCa';

export interface CheckPeers {
  dns: DnsPeer;
  https: HttpsPeer;
  certificates: TestCertificates;
  /** A context that talks to these peers only; short timeouts keep "never answers" cases quick. */
  context(overrides?: { allowPrivateAddresses?: boolean; now?: () => Date }): CheckContext;
  close(): Promise<void>;
}

/** A DNS server and an HTTPS server on loopback; every zone name with an A record gets into the certificate. */
export async function startCheckPeers(zone: Zone, routes: Routes = {}): Promise<CheckPeers> {
  const hostnames = Object.entries(zone)
    .filter(([, entry]) => entry.A)
    .map(([name]) => name);
  const certificates = createTestCertificates(hostnames);
  const dns = await startDnsPeer(zone);
  const https = await startHttpsPeer(certificates, routes);
  const contexts: CheckContext[] = [];
  return {
    dns,
    https,
    certificates,
    context(overrides = {}) {
      const context = createCheckContext({
        dnsServers: [dns.server],
        dnsTimeoutMs: 1_500,
        httpsPort: https.port,
        httpTimeoutMs: 1_500,
        allowPrivateAddresses: overrides.allowPrivateAddresses ?? true,
        ca: certificates.caPem,
        now: overrides.now,
      });
      contexts.push(context);
      return context;
    },
    async close() {
      await Promise.all(contexts.map((context) => context.http.close()));
      await Promise.all([dns.close(), https.close()]);
    },
  };
}
