import { systemActor } from '../../src/audit/actor';
import { fixedClock } from '../../src/clock';
import { DirectoryReadModel } from '../../src/features/directory/readModel';
import { Organisation } from '../../src/models/organisation';
import { readRegistryVersion } from '../../src/models/registryVersion';
import type { InitiativeSlug } from '../../src/reference/initiatives';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadFixtureRegistry } from './fixtures';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadFixtureRegistry(testApp.services);
});
afterAll(() => testApp.stop());

async function savePledge(slug: string, initiative: InitiativeSlug, commitment: string): Promise<void> {
  const organisation = await Organisation.findBySlug(slug).lean();
  if (!organisation) throw new Error(`fixture organisation ${slug} missing`);
  await testApp.services.pledges.savePledge(systemActor('test'), {
    organisation: organisation._id,
    initiative,
    commitments: [commitment],
    statement: `${slug} adopts ${commitment}.`,
  });
}

describe('a server serving the previous copy folds a burst of writes into one rebuild', () => {
  it('rests three times as long as its last rebuild took, then rebuilds once with every change', async () => {
    const clock = fixedClock(new Date('2026-01-01T00:00:00Z'));
    const model = new DirectoryReadModel({ checkIntervalMs: 0, serveStaleWhileRebuilding: true, clock, restRatio: 3, maxRestMs: 60_000 });
    // The first copy takes a second on this clock: the next rebuild may start 3 s after it is built.
    const warming = model.warm();
    clock.advance(1_000);
    await warming;
    const first = await model.current();
    expect(model.builds).toBe(1);

    await savePledge('ericsson', 'tech-accord', 'collective-action');
    await savePledge('republic-of-estonia', 'paris-call', 'cyber-hygiene');
    clock.advance(2_999);
    expect(await model.current()).toBe(first);
    await model.idle();
    expect(model.builds).toBe(1);

    clock.advance(1);
    expect(await model.current()).toBe(first);
    await model.idle();
    expect(model.builds).toBe(2);
    const rebuilt = await model.current();
    expect(rebuilt.token).toBe((await readRegistryVersion()).token);
    expect(rebuilt.token).not.toBe(first.token);
    expect(rebuilt.bySlug.get('ericsson')?.commitments).toContain('tech-accord:collective-action');
    expect(rebuilt.bySlug.get('republic-of-estonia')?.commitments).toContain('paris-call:cyber-hygiene');
    expect(first.bySlug.get('ericsson')?.commitments).not.toContain('tech-accord:collective-action');
  });

  it('never rests where every read must see the last write (tests wait for the rebuild)', async () => {
    const clock = fixedClock(new Date('2026-01-01T00:00:00Z'));
    const model = new DirectoryReadModel({ checkIntervalMs: 0, serveStaleWhileRebuilding: false, clock, restRatio: 3, maxRestMs: 60_000 });
    const warming = model.warm();
    clock.advance(1_000);
    await warming;
    await savePledge('ericsson', 'tech-accord', 'capacity-building');
    const after = await model.current();
    expect(model.builds).toBe(2);
    expect(after.bySlug.get('ericsson')?.commitments).toContain('tech-accord:capacity-building');
  });
});
