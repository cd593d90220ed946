import { systemActor } from '../../src/audit/actor';
import { AuditEventImmutableError } from '../../src/audit/appendOnly';
import { AuditEvent } from '../../src/models/auditEvent';
import { startTestApp, type TestApp } from '../helpers/app';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.stop());

async function recordOne(): Promise<string> {
  return testApp.services.recordChange(systemActor('append-only-test'), 'user.created', async () => ({
    subject: { kind: 'user', id: 'someone' },
    after: { email: 'someone@example.test' },
    result: 'done',
  }));
}

describe('audit events are append-only', () => {
  it('refuses every update, replace and delete made through the model, and the event stays as written', async () => {
    await recordOne();
    const event = await AuditEvent.findOne({ 'actor.label': 'system:append-only-test' }).orFail();
    const original = event.toObject();
    const id = event._id;
    const attempts: [string, () => Promise<unknown>][] = [
      ['updateOne', () => AuditEvent.updateOne({ _id: id }, { $set: { action: 'user.disabled' } })],
      ['updateMany', () => AuditEvent.updateMany({}, { $set: { 'actor.label': 'forged' } })],
      ['findOneAndUpdate', () => AuditEvent.findOneAndUpdate({ _id: id }, { $set: { ip: '10.0.0.1' } })],
      ['findByIdAndUpdate', () => AuditEvent.findByIdAndUpdate(id, { $set: { ip: '10.0.0.1' } })],
      ['replaceOne', () => AuditEvent.replaceOne({ _id: id }, { ...original, action: 'user.enabled' })],
      ['findOneAndReplace', () => AuditEvent.findOneAndReplace({ _id: id }, { ...original, action: 'user.enabled' })],
      ['deleteOne', () => AuditEvent.deleteOne({ _id: id })],
      ['deleteMany', () => AuditEvent.deleteMany({})],
      ['findOneAndDelete', () => AuditEvent.findOneAndDelete({ _id: id })],
      ['findByIdAndDelete', () => AuditEvent.findByIdAndDelete(id)],
      ['document deleteOne', () => event.deleteOne()],
      [
        'document save',
        () => {
          event.set('action', 'user.enabled');
          return event.save();
        },
      ],
      ['bulkWrite update', () => AuditEvent.bulkWrite([{ updateOne: { filter: { _id: id }, update: { $set: { ip: 'x' } } } }])],
      ['bulkWrite delete', () => AuditEvent.bulkWrite([{ deleteMany: { filter: {} } }])],
    ];
    for (const [name, attempt] of attempts) {
      await expect([name, await attempt().then(() => 'accepted', (error: unknown) => error)]).toEqual([name, expect.any(AuditEventImmutableError)]);
    }
    const after = await AuditEvent.findById(id).lean();
    expect(after).toEqual(original);
    expect(await AuditEvent.countDocuments({ 'actor.label': 'system:append-only-test' })).toBe(1);
  });

  it('still lets the audited write path append new events', async () => {
    const before = await AuditEvent.countDocuments();
    await recordOne();
    await recordOne();
    expect(await AuditEvent.countDocuments()).toBe(before + 2);
  });
});
