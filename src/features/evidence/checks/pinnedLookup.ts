import type { LookupFunction } from 'node:net';
import { isNonPublicAddress } from './addressPolicy';
import type { DnsClient } from './dnsClient';

interface Resolved {
  address: string;
  family: 4 | 6;
}

function codedError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

async function resolveAddresses(dns: DnsClient, hostname: string): Promise<Resolved[]> {
  const v4 = await dns.ipv4(hostname);
  if (v4.status === 'found') return v4.records.map((address) => ({ address, family: 4 }));
  if (v4.status === 'error') throw codedError(v4.reason, `looking up ${hostname} failed: ${v4.reason}`);
  const v6 = await dns.ipv6(hostname);
  if (v6.status === 'found') return v6.records.map((address) => ({ address, family: 6 }));
  if (v6.status === 'error') throw codedError(v6.reason, `looking up ${hostname} failed: ${v6.reason}`);
  throw codedError('ENOTFOUND', `${hostname} has no address`);
}

/**
 * The connection's own name resolution: through our resolver, refusing non-public addresses unless allowed.
 * The socket connects to the very address checked here, so a second answer (DNS rebinding) cannot slip in.
 */
export function pinnedLookup(dns: DnsClient, allowPrivateAddresses: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveAddresses(dns, hostname).then(
      (addresses) => {
        const refused = addresses.find(({ address }) => isNonPublicAddress(address));
        if (refused && !allowPrivateAddresses) {
          callback(codedError('EPRIVATEADDRESS', `${hostname} resolves to ${refused.address}`), '', 4);
        } else if (options.all) {
          (callback as unknown as (error: null, all: Resolved[]) => void)(null, addresses);
        } else {
          const [first] = addresses as [Resolved];
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
