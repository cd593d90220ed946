import { fixedClock } from '../../src/clock';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import type { Types } from 'mongoose';
import type { AuditAction } from '../../src/audit/actions';
import { systemActor } from '../../src/audit/actor';
import { evidenceSettingsFrom } from '../../src/features/evidence/evidenceSettings';
import { startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { startCheckPeers, type CheckPeers } from './checkPeers';

const day = 86_400_000;
const clock = fixedClock(new Date('2026-03-01T00:00:00Z'));
const dmarcName = '_dmarc.member.test';
const actor = systemActor('evidence-check');
const commitment = 'tech-accord:stronger-defence';

let peers: CheckPeers;
let testApp: TestApp;
beforeAll(async () => {
  peers = await startCheckPeers({
    'member.test': { A: ['127.0.0.1'] },
    [dmarcName]: { TXT: ['v=DMARC1; p=reject'] },
  });
  const settings = evidenceSettingsFrom({ EVIDENCE_STALE_AFTER_DAYS: '30', EVIDENCE_LAPSE_AFTER_DAYS: '60' });
  testApp = await startTestApp({ clock, evidenceSettings: settings, checkContext: peers.context() });
});
afterAll(async () => {
  await testApp.stop();
  await peers.close();
});

async function setUp() {
  const organisation = await makeOrganisation({ domains: ['member.test'] });
  await Organisation.updateOne({ _id: organisation._id }, { $set: { commitments: [commitment] } });
  const evidence = await Evidence.create({
    organisation: organisation._id,
    commitment,
    kind: 'dmarc',
    subject: 'member.test',
  });
  return { organisationId: organisation._id, evidenceId: String(evidence._id) };
}

const stored = (id: string) => Evidence.findById(id).lean().orFail();
const events = (action: AuditAction, organisation: Types.ObjectId) =>
  AuditEvent.countDocuments({ action, organisation });

describe('continuous verification of one evidence entry', () => {
  it('records results, compacts unchanged ones, keeps the last good result on error, goes stale, lapses and restores', async () => {
    const { organisationId, evidenceId } = await setUp();
    const check = () => testApp.services.evidence.checkEvidence(actor, evidenceId);

    expect(await check()).toMatchObject({ outcome: 'checked', level: 'reject', status: 'verified' });
    expect(await events('evidence.checked', organisationId)).toBe(1);
    expect((await Organisation.findById(organisationId).lean())?.evidenceLevel).toBe('verified');

    clock.advance(day);
    await check();
    let evidence = await stored(evidenceId);
    expect(evidence.history).toHaveLength(1);
    expect(evidence.history[0]).toMatchObject({
      level: 'reject',
      checkedAt: new Date('2026-03-01T00:00:00Z'),
      until: clock.now(),
    });
    expect(await events('evidence.checked', organisationId)).toBe(1);

    peers.dns.zone[dmarcName] = { TXT: ['v=DMARC1; p=none'] };
    clock.advance(day);
    expect(await check()).toMatchObject({ level: 'none', status: 'failing' });
    evidence = await stored(evidenceId);
    expect(evidence.history.map((entry) => entry.level)).toEqual(['reject', 'none']);
    expect(evidence.latestResult?.findings).toEqual([{ code: 'dmarc.policyNone' }]);
    expect(evidence.latestResult?.problems[0]).toMatch(/p=none/);
    expect(evidence.failingSince).toEqual(clock.now());
    expect(await events('evidence.checked', organisationId)).toBe(2);
    expect((await Organisation.findById(organisationId).lean())?.evidenceLevel).toBe('none');

    peers.dns.zone[dmarcName] = { servfail: true };
    clock.advance(day);
    expect(await check()).toMatchObject({ outcome: 'error' });
    evidence = await stored(evidenceId);
    expect(evidence).toMatchObject({
      status: 'failing',
      consecutiveErrors: 1,
      latestResult: { level: 'none' },
    });
    expect(evidence.history).toHaveLength(2);
    expect(evidence.nextCheckAt).toEqual(new Date(clock.now().getTime() + 60_000));

    peers.dns.zone[dmarcName] = { TXT: ['v=DMARC1; p=none'] };
    clock.advance(30 * day);
    expect(await check()).toMatchObject({ status: 'stale' });
    expect((await Organisation.findById(organisationId).lean())?.status.state).toBe('active');

    clock.advance(60 * day);
    await check();
    const lapsed = await Organisation.findById(organisationId).lean();
    expect(lapsed?.status).toMatchObject({ state: 'lapsed', reason: 'evidence-stale' });
    expect(await events('organisation.status-changed', organisationId)).toBe(1);

    peers.dns.zone[dmarcName] = { TXT: ['v=DMARC1; p=quarantine'] };
    clock.advance(day);
    expect(await check()).toMatchObject({ status: 'verified' });
    expect((await Organisation.findById(organisationId).lean())?.status.state).toBe('active');
    expect(await events('organisation.status-changed', organisationId)).toBe(2);
  });

  it('hands each due entry to one sweep only', async () => {
    const { evidenceId } = await setUp();
    await Evidence.updateMany(
      { _id: { $ne: evidenceId } },
      { $set: { nextCheckAt: new Date(clock.now().getTime() + day) } },
    );
    const [first, second] = await Promise.all([
      testApp.services.evidence.claimDue(10),
      testApp.services.evidence.claimDue(10),
    ]);
    expect([...(first ?? []), ...(second ?? [])]).toEqual([evidenceId]);
  });

  it('never lets rejected manual evidence go stale nor count as stale for the lapse rule', async () => {
    const organisation = await makeOrganisation();
    await Organisation.updateOne({ _id: organisation._id }, { $set: { commitments: [commitment] } });
    const document = await Evidence.create({ organisation: organisation._id, commitment, kind: 'document', subject: 'https://member.test/policy.pdf' });
    const id = String(document._id);
    const secretariat = { ...actor, kind: 'user' as const, label: 'secretariat@example.test', role: 'secretariat' as const };
    expect(await testApp.services.evidenceReview.review(secretariat, id, 'rejected', 'This file states no policy.')).toBe('reviewed');
    const lapse = () => testApp.services.evidence.applyLapseRule(actor, String(organisation._id));

    clock.advance(200 * day);
    expect(await testApp.services.evidence.claimDue(100)).not.toContain(id);
    expect(await testApp.services.evidence.checkEvidence(actor, id)).toBeNull();
    expect(await lapse()).toBeNull();
    expect(await stored(id)).toMatchObject({ status: 'failing', review: { decision: 'rejected' } });
    // Even an entry some older version had marked stale does not count as stale evidence.
    await Evidence.updateOne({ _id: document._id }, { $set: { status: 'stale' } });
    expect(await lapse()).toBeNull();
    expect((await Organisation.findById(organisation._id).lean())?.status.state).toBe('active');
    expect(await events('organisation.status-changed', organisation._id)).toBe(0);
  });
});
