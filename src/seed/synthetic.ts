import { Types } from 'mongoose';
import { summariseMemberships } from '../registry/derivedFields';
import { Evidence } from '../models/evidence';
import { Organisation } from '../models/organisation';
import { Pledge } from '../models/pledge';
import type { ImportWriter } from '../import/importCsv';
import { identityKeyOf, toSearchKey, toSlug } from '../models/searchKey';
import { CATEGORIES } from '../reference/categories';
import { commitmentKey, INITIATIVES, type InitiativeSlug } from '../reference/initiatives';
import { SECTORS } from '../reference/sectors';

const SYNTHETIC_AUTHOR = 'Synthetic data';
const SYNTHETIC_DOMAIN = 'synthetic.example';
const COUNTRIES = [
  'FR',
  'US',
  'DE',
  'GB',
  'IN',
  'JP',
  'BR',
  'NG',
  'RO',
  'PL',
  'MX',
  'CA',
  'KR',
  'ZA',
  'SE',
  'ES',
  'IT',
  'CH',
];
const FIRST = [
  'Nordic',
  'Société',
  'Atlas',
  'Blue',
  'Générale',
  'Civic',
  'Ørsted',
  'Pacific',
  'Żelazny',
  'Quantum',
  'Sécurité',
  'Open',
];
const SECOND = [
  'Secure',
  'Networks',
  'Data',
  'Cloud',
  'Institute',
  'Foundation',
  'Systems',
  'Labs',
  'Alliance',
  'Digital',
];

/** Small seeded generator so the same count always yields the same registry (comparable benchmarks). */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function syntheticBatch(start: number, size: number, random: () => number) {
  const organisations = [];
  const pledges = [];
  const evidence: Record<string, unknown>[] = [];
  const now = new Date();
  for (let index = start; index < start + size; index += 1) {
    const _id = new Types.ObjectId();
    const name = `${pick(random, FIRST)} ${pick(random, SECOND)} ${index + 1}`;
    const country = random() < 0.03 ? null : pick(random, COUNTRIES);
    const joined = (slug: InitiativeSlug) => ({
      initiative: slug,
      joinedAt: new Date(
        Date.UTC(2018 + Math.floor(random() * 8), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
      ),
      status: 'active' as const,
    });
    const roll = random();
    const memberships =
      roll < 0.5
        ? [joined('paris-call')]
        : roll < 0.8
          ? [joined('tech-accord')]
          : [joined('paris-call'), joined('tech-accord')];
    const commitments: string[] = [];
    for (const membership of memberships) {
      const codes = (INITIATIVES.find((i) => i.slug === membership.initiative)?.commitments ?? [])
        .map((commitment) => commitment.code)
        .filter(() => random() < 0.7);
      commitments.push(...codes.map((code) => commitmentKey(membership.initiative, code)));
      pledges.push({
        organisation: _id,
        initiative: membership.initiative,
        version: 1,
        commitments: codes,
        statement: '',
        changedBy: SYNTHETIC_AUTHOR,
        changedAt: now,
        demo: false,
        createdAt: now,
        updatedAt: now,
      });
    }
    const level = random();
    const evidenceLevel = level < 0.7 ? 'none' : level < 0.85 ? 'partial' : 'verified';
    const domain = `s${index + 1}.${SYNTHETIC_DOMAIN}`;
    const statuses =
      evidenceLevel === 'none' ? [] : evidenceLevel === 'partial' ? ['verified', 'failing'] : ['verified'];
    statuses.forEach((status, n) => {
      const result = { level: null, details: {}, problems: [], status, checkedAt: now };
      evidence.push({
        organisation: _id,
        commitment: null,
        kind: n === 0 ? 'dmarc' : 'spf',
        subject: domain,
        status,
        latestResult: result,
        checkedAt: now,
        history: [result],
        demo: false,
        createdAt: now,
        updatedAt: now,
      });
    });
    organisations.push({
      _id,
      slug: `${toSlug(name)}-synthetic`,
      name,
      searchKey: toSearchKey(name),
      identityKey: identityKeyOf(name, country),
      country,
      category: pick(random, CATEGORIES),
      sector: pick(random, SECTORS),
      website: `https://${domain}`,
      domains: [domain],
      description: '',
      status: { state: 'active', reason: '', since: null },
      memberships,
      origin: 'synthetic',
      demo: false,
      ...summariseMemberships(memberships),
      commitments: commitments.sort(),
      evidenceLevel,
      createdAt: now,
      updatedAt: now,
    });
  }
  return { organisations, pledges, evidence };
}

/** Replaces any earlier synthetic registry with `count` organisations, their pledges and evidence. */
export async function generateSyntheticRegistry(
  writer: ImportWriter,
  count: number,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const registry = { kind: 'registry', id: 'synthetic' };
  await writer.recordChange(writer.actor, 'registry.seeded', async ({ session }) => {
    await Pledge.deleteMany({ changedBy: SYNTHETIC_AUTHOR }, { session });
    await Evidence.deleteMany(
      { subject: { $regex: `\\.${SYNTHETIC_DOMAIN.replace('.', '\\.')}$` } },
      { session },
    );
    const removed = await Organisation.deleteMany({ origin: 'synthetic' }, { session });
    return { subject: registry, before: { organisations: removed.deletedCount }, after: null, result: null };
  });
  const random = randomGenerator(count);
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  for (let start = 0; start < count; start += batchSize) {
    const batch = syntheticBatch(start, Math.min(batchSize, count - start), random);
    // One audited change per batch (not per organisation): these are generated, not anyone's edits.
    await writer.recordChange(writer.actor, 'registry.seeded', async ({ session }) => {
      await Organisation.collection.insertMany(batch.organisations, { ordered: false, session });
      if (batch.pledges.length > 0)
        await Pledge.collection.insertMany(batch.pledges, { ordered: false, session });
      if (batch.evidence.length > 0)
        await Evidence.collection.insertMany(batch.evidence, { ordered: false, session });
      return {
        subject: registry,
        after: { from: start, organisations: batch.organisations.length },
        result: null,
      };
    });
    options.onProgress?.(Math.min(start + batchSize, count), count);
  }
}
