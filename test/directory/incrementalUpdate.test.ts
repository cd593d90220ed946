import fc from 'fast-check';
import { systemActor } from '../../src/audit/actor';
import { DirectoryReadModel } from '../../src/features/directory/readModel';
import { buildSnapshots, loadDirectoryEntries, type DirectorySnapshot } from '../../src/features/directory/snapshot';
import { importCsv } from '../../src/import';
import { Organisation } from '../../src/models/organisation';
import { CATEGORIES, ORGANISATION_STATES, SECTORS } from '../../src/reference';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from './fixtures';

jest.setTimeout(180_000);

let testApp: TestApp;
const actor = systemActor('test');

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

const sortedObject = <T>(pairs: Iterable<[string, T]>) => Object.fromEntries([...pairs].sort(([a], [b]) => (a < b ? -1 : 1)));

/** What a copy answers, by slug: independent of where each entry happens to stand in `entries`. */
function answers(snapshot: DirectorySnapshot) {
  const slugsAt = (positions: Iterable<number>) => [...positions].map((position) => snapshot.entries[position]?.slug);
  const ranked = (ranks: Int32Array) => sortedObject(snapshot.entries.map((entry, position) => [entry.slug, ranks[position]]));
  return {
    token: snapshot.token,
    entries: sortedObject(snapshot.entries.map((entry) => [entry.slug, entry])),
    bySlug: sortedObject([...snapshot.bySlug].map(([slug, entry]) => [slug, entry.id])),
    orders: { name: slugsAt(snapshot.orders.name), joined: slugsAt(snapshot.orders.joined), country: slugsAt(snapshot.orders.country) },
    ranks: { name: ranked(snapshot.ranks.name), joined: ranked(snapshot.ranks.joined), country: ranked(snapshot.ranks.country) },
    postings: sortedObject([...snapshot.postings].map(([key, positions]) => [key, slugsAt(positions).sort()])),
    facets: snapshot.facets,
    facetCounts: Object.fromEntries(Object.entries(snapshot.facetCounts).map(([key, counts]) => [key, sortedObject(counts)])),
    countsByInitiative: snapshot.countsByInitiative,
    countsByCommitment: sortedObject(snapshot.countsByCommitment),
    countryCount: snapshot.countryCount,
  };
}

/** Candidates are read from posting lists in position order, as a full build makes them. */
function expectAscendingPostings(snapshot: DirectorySnapshot): void {
  for (const [key, positions] of snapshot.postings)
    expect({ key, ascending: positions.every((position, index) => index === 0 || position > (positions[index - 1] ?? 0)) }).toEqual({ key, ascending: true });
}

async function expectSameAsFullLoad(patched: DirectorySnapshot): Promise<void> {
  expectAscendingPostings(patched);
  expectAscendingPostings(patched.everyone);
  const full = buildSnapshots(await loadDirectoryEntries(), patched.token, patched.changedAt);
  expect(answers(patched)).toEqual(answers(full));
  expect(answers(patched.everyone)).toEqual(answers(full.everyone));
}

type Change =
  | { kind: 'pledge'; pick: number; commitments: number }
  | { kind: 'rename'; pick: number; name: string }
  | { kind: 'move'; pick: number; country: string | null; category: number; sector: number }
  | { kind: 'status'; pick: number; state: number }
  | { kind: 'create'; name: string; country: string }
  | { kind: 'merge'; pick: number; other: number };

const COMMITMENTS = {
  'tech-accord': ['stronger-defence', 'no-offence', 'capacity-building', 'collective-action'],
  'paris-call': ['cyber-hygiene', 'protect-the-internet'],
} as const;
const name = fc.constantFrom('Aardvark Networks', 'Zulu Systems', 'Mid Telecom', 'Ørsted Digital', 'Bravo Labs');
const country = fc.constantFrom('FR', 'US', 'DE', 'JP', 'BR');
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('pledge' as const), pick: fc.nat(), commitments: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), country: fc.option(country), category: fc.nat(), sector: fc.nat() }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), state: fc.nat() }),
  fc.record({ kind: fc.constant('create' as const), name, country }),
  fc.record({ kind: fc.constant('merge' as const), pick: fc.nat(), other: fc.nat() }),
);

let created = 0;
/** Applies one change through the app's own services (the audited write path), as the secretariat or a member would. */
async function apply(step: Change): Promise<void> {
  const organisations = await Organisation.find({}).sort({ slug: 1 }).lean();
  const picked = organisations[('pick' in step ? step.pick : 0) % organisations.length];
  if (!picked) throw new Error('no organisation left');
  const { organisations: service, pledges } = testApp.services;
  const fields = {
    name: picked.name,
    country: picked.country ?? null,
    category: picked.category ?? null,
    sector: picked.sector ?? null,
    website: picked.website ?? null,
    domains: [...picked.domains],
    description: picked.description ?? '',
  } as Parameters<typeof service.edit>[2];
  switch (step.kind) {
    case 'pledge': {
      const initiative = (picked.memberships[0]?.initiative ?? 'paris-call') as keyof typeof COMMITMENTS;
      const commitments = COMMITMENTS[initiative].filter((_, index) => step.commitments & (1 << index));
      if (commitments.length === 0) return;
      await pledges.savePledge(actor, { organisation: picked._id, initiative, commitments, statement: 'We adopt these.' });
      return;
    }
    case 'rename':
      await service.edit(actor, picked._id, { ...fields, name: `${step.name} ${picked.slug}` });
      return;
    case 'move':
      await service.edit(actor, picked._id, {
        ...fields,
        country: step.country,
        category: CATEGORIES[step.category % CATEGORIES.length] ?? null,
        sector: SECTORS[step.sector % SECTORS.length] ?? null,
      });
      return;
    case 'status': {
      const state = ORGANISATION_STATES[step.state % ORGANISATION_STATES.length] ?? 'active';
      await service.changeStatus(actor, picked._id, { state, reason: `now ${state}` });
      return;
    }
    case 'create':
      created += 1;
      await importCsv(`name,country,category,sector,website,joined,initiative\n${step.name} ${created},${step.country},state,government,,2023-0${(created % 9) + 1}-01,paris-call`, {
        writer: { recordChange: testApp.services.recordChange, actor },
      });
      return;
    case 'merge': {
      const other = organisations[step.other % organisations.length];
      if (other && organisations.length > 3) await service.merge(actor, picked._id, other._id);
      return;
    }
  }
}

/** Tried first: a pledge, a rename moving the name's sort position, a move of country, category and sector,
 * an organisation withdrawn (leaving the active copy), one created, and a merge (one deleted). */
const everyKind: Change[] = [
  { kind: 'pledge', pick: 4, commitments: 3 },
  { kind: 'rename', pick: 0, name: 'Zulu Systems' },
  { kind: 'move', pick: 2, country: 'JP', category: 0, sector: 1 },
  { kind: 'status', pick: 3, state: 2 },
  { kind: 'create', name: 'Aardvark Networks', country: 'BR' },
  { kind: 'merge', pick: 5, other: 6 },
];

describe('the directory copy patched with the changed organisations', () => {
  it('answers exactly what a copy read whole answers, after any sequence of changes', async () => {
    // Every change is awaited before the copy is asked for, so no margin is needed; a patch may cover them all.
    const model = new DirectoryReadModel({ checkIntervalMs: 0, serveStaleWhileRebuilding: false, patch: { marginMs: 0, maxChangedShare: 1 } });
    await model.current();
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 2, maxLength: 6 }), async (steps) => {
        for (const step of steps) {
          const before = { builds: model.builds, patches: model.patches, count: await Organisation.countDocuments() };
          await apply(step);
          const patched = await model.current();
          await expectSameAsFullLoad(patched);
          const rebuilt = model.builds > before.builds;
          const removed = (await Organisation.countDocuments()) < before.count;
          // Every change but a merge (an organisation deleted) is patched; a merge reads everything again.
          if (rebuilt) expect(model.patches - before.patches).toBe(removed ? 0 : 1);
          if (rebuilt) kinds.add(removed ? 'full' : step.kind);
        }
      }),
      { numRuns: 5, seed: 1414, endOnFailure: true, examples: [[everyKind]] },
    );
    expect([...kinds].sort()).toEqual(['create', 'full', 'move', 'pledge', 'rename', 'status']);
  });
});
