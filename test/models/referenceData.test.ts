import { Initiative } from '../../src/models/initiative';
import { loadReferenceData } from '../../src/reference/loadReferenceData';
import { clearCollections, useDatabase } from './support/database';

useDatabase();

describe('loadReferenceData', () => {
  it('creates the initiatives once, then leaves them unchanged', async () => {
    expect(await loadReferenceData()).toEqual({
      created: ['tech-accord', 'paris-call'],
      updated: [],
      unchanged: [],
    });
    expect(await loadReferenceData()).toEqual({
      created: [],
      updated: [],
      unchanged: ['tech-accord', 'paris-call'],
    });
    expect(await Initiative.countDocuments()).toBe(2);
  });

  it('restores a commitment text edited in the database', async () => {
    await Initiative.updateOne({ slug: 'tech-accord' }, { $set: { 'commitments.1.text.en': 'Edited' } });
    expect((await loadReferenceData()).updated).toEqual(['tech-accord']);
    const techAccord = await Initiative.findBySlug('tech-accord').lean();
    expect(techAccord?.commitments.map((commitment) => commitment.text.en)).toEqual([
      'We will protect all of our users and customers everywhere.',
      'We will oppose cyberattacks on innocent citizens and enterprises from anywhere.',
      'We will help empower users, customers and developers to strengthen cybersecurity protection.',
      'We will partner with each other and with likeminded groups to enhance cybersecurity.',
    ]);
  });
});

describe('loadReferenceData run by two instances at once', () => {
  it('creates each initiative once and fails neither', async () => {
    await clearCollections();
    const reports = await Promise.all([loadReferenceData(), loadReferenceData()]);
    const created = reports.flatMap((report) => report.created).sort();
    expect(created.length + reports.flatMap((report) => report.unchanged).length).toBe(4);
    expect(await Initiative.countDocuments()).toBe(2);
  });
});
