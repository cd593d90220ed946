import type { AddressInfo } from 'node:net';
import { createTCPServer, createUDPServer, Packet, type Handler } from 'dns2';

export interface ZoneEntry {
  /** Each record is one string or several character-strings (joined by resolvers without spaces). */
  TXT?: (string | string[])[];
  A?: string[];
  AAAA?: string[];
  MX?: { exchange: string; priority: number }[];
  /** Answer SERVFAIL for every question about this name. */
  servfail?: boolean;
  /** Never answer questions about this name. */
  silent?: boolean;
}

export type Zone = Record<string, ZoneEntry>;

export interface DnsPeer {
  /** `127.0.0.1:port`, as DNS_SERVERS takes it (UDP and TCP on the same port). */
  server: string;
  zone: Zone;
  questions: string[];
  close(): Promise<void>;
}

const typeNames = new Map(Object.entries(Packet.TYPE).map(([name, code]) => [code, name]));

function records(entry: ZoneEntry, type: string, name: string) {
  const base = { name, class: Packet.CLASS.IN, ttl: 60 };
  if (type === 'TXT') return (entry.TXT ?? []).map((data) => ({ ...base, type: Packet.TYPE.TXT, data }));
  if (type === 'A') return (entry.A ?? []).map((address) => ({ ...base, type: Packet.TYPE.A, address }));
  if (type === 'AAAA')
    return (entry.AAAA ?? []).map((address) => ({ ...base, type: Packet.TYPE.AAAA, address }));
  if (type === 'MX') return (entry.MX ?? []).map((mx) => ({ ...base, type: Packet.TYPE.MX, ...mx }));
  return [];
}

/** A name exists when it, or a name below it, is in the zone (empty non-terminals answer NOERROR). */
const exists = (zone: Zone, name: string): boolean =>
  name in zone || Object.keys(zone).some((known) => known.endsWith(`.${name}`));

/** A real DNS server on loopback answering from a fixture zone, which tests may change while it runs. */
export async function startDnsPeer(zone: Zone): Promise<DnsPeer> {
  const questions: string[] = [];
  const handle: Handler = (request, send) => {
    const [question] = request.questions;
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const type = typeNames.get(question.type) ?? String(question.type);
    questions.push(`${type} ${name}`);
    const entry = zone[name];
    if (entry?.silent) return;
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    if (entry?.servfail) response.header.rcode = 2;
    else if (!exists(zone, name)) response.header.rcode = 3;
    else if (entry) response.answers.push(...records(entry, type, question.name));
    send(response);
  };
  const { udp, tcp } = await listenOnOnePort(handle);
  const close = async () => {
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
  };
  return { server: `127.0.0.1:${(tcp.address() as AddressInfo).port}`, zone, questions, close };
}

/**
 * UDP and TCP on the same port: take a free UDP port, then try TCP on it; another process may hold that
 * TCP port, so try again with a new one.
 */
async function listenOnOnePort(handle: Handler) {
  for (let attempt = 0; ; attempt++) {
    const udp = createUDPServer(handle);
    udp.on('requestError', () => undefined);
    await udp.listen(0, '127.0.0.1');
    const port = udp.address().port;
    const tcp = createTCPServer(handle);
    tcp.on('requestError', () => undefined);
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, '127.0.0.1', () => resolve());
      });
      return { udp, tcp };
    } catch (error) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if (attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
