import type { DnsClient } from './dnsClient';
import { startsWithVersion } from './tagList';

export const MAX_DMARC_QUERIES = 8;

/** The names RFC 9989's tree walk asks, in order: the domain, then at most 7 labels, then one fewer each time. */
export function dmarcWalkTargets(domain: string): string[] {
  const labels = domain.split('.');
  const targets = [domain];
  for (let count = Math.min(labels.length - 1, 7); count >= 1; count--) {
    targets.push(labels.slice(labels.length - count).join('.'));
  }
  return targets.slice(0, MAX_DMARC_QUERIES);
}

export type WalkOutcome =
  | { status: 'found'; foundAt: string; record: string; queries: number; discarded: string[] }
  | { status: 'several'; foundAt: string; records: string[]; queries: number }
  | { status: 'none'; queries: number; discarded: string[] }
  | { status: 'error'; name: string; reason: string; queries: number };

/** Policy discovery: the first name in the walk with exactly one v=DMARC1 record gives the policy. */
export async function walkDmarcTree(dns: DnsClient, domain: string): Promise<WalkOutcome> {
  const discarded: string[] = [];
  let queries = 0;
  for (const target of dmarcWalkTargets(domain)) {
    const name = `_dmarc.${target}`;
    const answer = await dns.txt(name);
    queries++;
    if (answer.status === 'error') return { status: 'error', name, reason: answer.reason, queries };
    if (answer.status !== 'found') continue;
    const records = answer.records.filter((record) => startsWithVersion(record, 'DMARC1'));
    discarded.push(...answer.records.filter((record) => !records.includes(record)));
    if (records.length > 1) return { status: 'several', foundAt: target, records, queries };
    const [record] = records;
    if (record !== undefined) return { status: 'found', foundAt: target, record, queries, discarded };
  }
  return { status: 'none', queries, discarded };
}
