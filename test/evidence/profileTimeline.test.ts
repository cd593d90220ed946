import { systemActor } from '../../src/audit/actor';
import { fixedClock } from '../../src/clock';
import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { Evidence } from '../../src/models/evidence';
import { startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { startCheckPeers, type CheckPeers } from './checkPeers';

jest.setTimeout(120_000);

const day = 86_400_000;
const clock = fixedClock(new Date('2026-03-01T08:00:00Z'));
const dmarcName = '_dmarc.timeline.test';
let peers: CheckPeers;
let testApp: TestApp;

beforeAll(async () => {
  peers = await startCheckPeers({ 'timeline.test': { A: ['127.0.0.1'] }, [dmarcName]: { TXT: ['v=DMARC1; p=none'] } });
  testApp = await startTestApp({ clock, evidenceSettings: evidenceSettingsFrom({}), checkContext: peers.context() });
});
afterAll(async () => {
  await testApp.stop();
  await peers.close();
});

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the public profile shows each evidence entry’s verification history', () => {
  it('lists level changes with their times, newest first, with unchanged runs compacted, in English and French', async () => {
    const organisation = await makeOrganisation({ name: 'Timeline Org', domains: ['timeline.test'] });
    const evidence = await Evidence.create({ organisation: organisation._id, kind: 'dmarc', subject: 'timeline.test' });
    const check = () => testApp.services.evidence.checkEvidence(systemActor('evidence-check'), String(evidence._id));

    await check();
    clock.advance(day);
    await check();
    clock.advance(day);
    peers.dns.zone[dmarcName] = { TXT: ['v=DMARC1; p=reject'] };
    await check();

    const page = await testApp.agent().get(`/signatories/${String(organisation.slug)}`);
    expect(page.status).toBe(200);
    const timeline = /<h4 id="history-[0-9a-f]+">DMARC for timeline\.test<\/h4>\s*<ol class="evidence-timeline" aria-labelledby="history-[0-9a-f]+">([\s\S]*?)<\/ol>/.exec(page.text);
    expect(timeline).not.toBeNull();
    const items = timeline![1]!.split(/<li>\s*<time/).slice(1).map(textOf);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('3 March 2026 at 08:00 UTC : level reject, Verified');
    expect(items[0]).not.toContain('unchanged');
    expect(items[1]).toContain('level none, Failing; unchanged from 1 March 2026 at 08:00 UTC to 2 March 2026 at 08:00 UTC');
    expect(items[1]).toContain('DMARC policy is p=none');
    expect(timeline![1]).toContain('<time datetime="2026-03-01T08:00:00.000Z">');
    expect(timeline![1]).toContain('<time datetime="2026-03-02T08:00:00.000Z">');

    const french = await testApp.agent().get(`/signatories/${String(organisation.slug)}?lang=fr`);
    expect(french.text).toContain('Historique des vérifications');
    const frenchText = textOf(french.text);
    expect(frenchText).toMatch(/niveau none, [^;]+; inchangé du 1 mars 2026 à 08:00 UTC au 2 mars 2026 à 08:00 UTC/);
    expect(testApp.missingTranslations).toEqual([]);
  });
});
