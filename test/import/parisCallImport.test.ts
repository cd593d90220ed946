import path from 'node:path';
import { importFile } from '../../src/import/importCsv';
import { Organisation } from '../../src/models/organisation';
import { loadReferenceData } from '../../src/reference/loadReferenceData';
import { seedDataDir } from '../../src/seed/dataFiles';
import { useDatabase } from '../models/support/database';
import { testWriter } from '../helpers/writer';

// Imports of the real 1,222-row file through the audited path; generous on a loaded machine.
jest.setTimeout(180_000);

useDatabase();

const parisCallFile = path.join(seedDataDir(), 'paris-call-supporters.csv');
const techAccordFile = path.join(seedDataDir(), 'tech-accord-founders.csv');

beforeAll(async () => {
  await loadReferenceData();
});

describe('importing the real Paris Call supporters file', () => {
  it('creates 1,222 organisations and accounts for every row', async () => {
    const progress: number[] = [];
    const report = await importFile(parisCallFile, {
      writer: testWriter(),
      onProgress: ({ processed }) => progress.push(processed),
    });
    expect(report.format).toBe('paris-call');
    expect(report.rows).toBe(1222);
    expect(report.created + report.updated + report.unchanged + report.rejected.length).toBe(report.rows);
    expect(report.rejected).toEqual([]);
    expect(report.created).toBe(1222);
    expect(await Organisation.countDocuments({ initiatives: 'paris-call' })).toBe(1222);
    expect(progress).toEqual([500, 1000, 1222]);
  });

  it('maps countries, natures and repaired websites', async () => {
    const romania = await Organisation.findOne({ searchKey: 'roumanie' }).lean();
    expect(romania).toMatchObject({ country: 'RO', category: 'state', sector: 'government' });
    const interpol = await Organisation.findBySlug('interpol').lean();
    expect(interpol).toMatchObject({ country: null, sector: 'international-organisation' });
    const hikanotes = await Organisation.findOne({ searchKey: 'hikanotes consultancy ltd' }).lean();
    expect(hikanotes).toMatchObject({
      website: 'https://www.mod.org.zm',
      domains: ['mod.org.zm'],
      category: null,
    });
    expect(
      await Organisation.countDocuments({ searchKey: { $regex: '^societe generale' } }),
    ).toBeGreaterThanOrEqual(0);
  });

  it('changes nothing on a second import', async () => {
    const report = await importFile(parisCallFile, { writer: testWriter() });
    expect(report).toMatchObject({ rows: 1222, created: 0, updated: 0, unchanged: 1222, rejected: [] });
    expect(await Organisation.countDocuments()).toBe(1222);
  });

  it('adds Tech Accord memberships to the same organisations, without duplicating them', async () => {
    const report = await importFile(techAccordFile, { writer: testWriter(), initiative: 'tech-accord' });
    expect(report.format).toBe('generic');
    expect(report.rejected).toEqual([]);
    expect(report.created + report.updated).toBe(report.rows);
    const abb = await Organisation.find({ searchKey: 'abb' }).lean();
    expect(abb).toHaveLength(1);
    expect(abb[0]).toMatchObject({
      country: 'SE',
      initiatives: ['paris-call', 'tech-accord'],
      joinedYears: [2018],
    });
    const again = await importFile(techAccordFile, { writer: testWriter(), initiative: 'tech-accord' });
    expect(again.unchanged).toBe(again.rows);
    expect(await Organisation.countDocuments({ initiatives: 'tech-accord' })).toBe(report.rows);
  });
});
