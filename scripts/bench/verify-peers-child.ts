/**
 * The bench's protocol peers in their own process, so the checker's memory is measured alone: a DNS server
 * and an HTTPS server on loopback for `count` domains. Prints `{ dnsServer, httpsPort, caPem }` on stdout.
 */
import { startDnsPeer, type Zone } from '../../test/helpers/peers/dnsPeer';
import { startHttpsPeer, type Routes } from '../../test/helpers/peers/httpsPeer';
import { createTestAuthority, type ServerCertificate } from '../../test/helpers/peers/testCa';

export const benchDomain = (index: number): string => `d${String(index).padStart(5, '0')}.bench.test`;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const zone: Zone = { 'spf.provider.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all'] } };
  const routes: Routes = {};
  const hostnames: string[] = [];
  for (let index = 0; index < count; index++) {
    const domain = benchDomain(index);
    zone[domain] = { A: ['127.0.0.1'], TXT: ['v=spf1 include:spf.provider.test ~all'] };
    zone[`_dmarc.${domain}`] = {
      TXT: [`v=DMARC1; p=${index % 3 === 0 ? 'none' : 'reject'}; rua=mailto:d@${domain}`],
    };
    zone[`_mta-sts.${domain}`] = { TXT: [`v=STSv1; id=${index}`] };
    zone[`mta-sts.${domain}`] = { A: ['127.0.0.1'] };
    routes[`mta-sts.${domain}/.well-known/mta-sts.txt`] = {
      body: `version: STSv1\nmode: enforce\nmx: mx.${domain}\nmax_age: 604800\n`,
    };
    routes[`${domain}/.well-known/security.txt`] = {
      body: `Contact: mailto:security@${domain}\nExpires: 2099-01-01T00:00:00Z\n`,
    };
    hostnames.push(domain, `mta-sts.${domain}`);
  }
  // Fifty domains per certificate: realistic certificate sizes, few signatures to make.
  const authority = createTestAuthority();
  const byName: ServerCertificate[] = [];
  for (let start = 0; start < hostnames.length; start += 100)
    byName.push(authority.issue(hostnames.slice(start, start + 100)));
  const fallback = byName[0] ?? authority.issue(['localhost']);
  const dns = await startDnsPeer(zone);
  const https = await startHttpsPeer({ caPem: authority.caPem, ...fallback }, routes, byName);
  process.stdout.write(
    `${JSON.stringify({ dnsServer: dns.server, httpsPort: https.port, caPem: authority.caPem })}\n`,
  );
  process.on('SIGTERM', () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuSeconds: (user + system) / 1e6 })}\n`);
    void Promise.all([dns.close(), https.close()]).then(() => process.exit(0));
  });
}

if (require.main === module) void main();
