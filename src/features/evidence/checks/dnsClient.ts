import { Resolver } from 'node:dns/promises';

export type DnsAnswer<T> =
  | { status: 'found'; records: T[] }
  | { status: 'nxdomain' }
  | { status: 'nodata' }
  | { status: 'error'; reason: string };

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface DnsClient {
  /** TXT records, each record's strings joined without spaces (RFC 7208 §3.3, RFC 9989). */
  txt(name: string): Promise<DnsAnswer<string>>;
  ipv4(name: string): Promise<DnsAnswer<string>>;
  ipv6(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
}

export interface DnsClientOptions {
  /** `host:port` (or `[v6]:port`) of every server to ask; empty means the system's servers. */
  servers?: readonly string[];
  timeoutMs?: number;
}

const definiteAnswers: Record<string, 'nxdomain' | 'nodata'> = { ENOTFOUND: 'nxdomain', ENODATA: 'nodata' };

async function answer<T>(query: () => Promise<T[]>): Promise<DnsAnswer<T>> {
  try {
    const records = await query();
    return records.length > 0 ? { status: 'found', records } : { status: 'nodata' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    const definite = definiteAnswers[code];
    return definite ? { status: definite } : { status: 'error', reason: code };
  }
}

/** Node's resolver (c-ares, UDP with TCP fallback), one try of `timeoutMs` per query: 3 s by default. */
export function createDnsClient(options: DnsClientOptions = {}): DnsClient {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3_000, tries: 1 });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
  return {
    txt: (name) => answer(async () => (await resolver.resolveTxt(name)).map((strings) => strings.join(''))),
    ipv4: (name) => answer(() => resolver.resolve4(name)),
    ipv6: (name) => answer(() => resolver.resolve6(name)),
    mx: (name) => answer(() => resolver.resolveMx(name)),
  };
}

export const isVoid = (answer: DnsAnswer<unknown>): boolean =>
  answer.status === 'nxdomain' || answer.status === 'nodata';
