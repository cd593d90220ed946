import type { Types } from 'mongoose';
import { systemActor } from '../../src/audit/actor';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { Pledge } from '../../src/models/pledge';
import { identityKeyOf, toSearchKey } from '../../src/models/searchKey';
import { syncOrganisationDerivedFields } from '../../src/registry/derivedFields';
import { startTestApp, type TestApp } from '../helpers/app';
import { clearCollections } from './support/database';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.stop());
beforeEach(clearCollections);

const actor = systemActor('test');
type PledgeInput = Parameters<TestApp['services']['pledges']['savePledge']>[1];
const savePledge = (change: PledgeInput) => testApp.services.pledges.savePledge(actor, change);

/** Re-derives an organisation's directory fields through the audited write helper, as services do. */
const sync = (organisationId: Types.ObjectId) =>
  testApp.services.recordChange(actor, 'organisation.updated', async (tx) => ({
    subject: { kind: 'organisation', id: String(organisationId) },
    organisation: organisationId,
    result: await syncOrganisationDerivedFields(tx, organisationId),
  }));

async function createOrganisation(name: string) {
  return Organisation.create({
    slug: toSearchKey(name).replace(/ /g, '-'),
    name,
    searchKey: toSearchKey(name),
    identityKey: identityKeyOf(name, 'FR'),
    country: 'FR',
    memberships: [{ initiative: 'tech-accord', joinedAt: new Date('2018-04-17T00:00:00Z') }],
  });
}

describe('Organisation schema', () => {
  it('rejects values outside the enums and a malformed country', async () => {
    const organisation = new Organisation({
      slug: 'x',
      name: 'X',
      searchKey: 'x',
      identityKey: 'x|-',
      country: 'France',
      category: 'pirates',
      sector: 'space',
    });
    const error = await organisation.validate().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(Object.keys((error as { errors: object }).errors).sort()).toEqual([
      'category',
      'country',
      'sector',
    ]);
  });

  it('refuses a second organisation with the same slug', async () => {
    await createOrganisation('Same Name');
    await expect(createOrganisation('Same Name')).rejects.toThrow(/duplicate key/);
  });
});

describe('pledge versions', () => {
  it('keeps every version, makes the highest current and syncs the directory fields', async () => {
    const organisation = await createOrganisation('Pledger');
    await savePledge({ organisation: organisation._id, initiative: 'tech-accord', commitments: ['stronger-defence'], statement: 'First' });
    const second = await savePledge({
      organisation: organisation._id,
      initiative: 'tech-accord',
      commitments: ['no-offence', 'stronger-defence'],
      statement: 'Second',
    });
    expect(second).toEqual({ changed: true, version: 2 });
    const current = await Pledge.currentFor(organisation._id, 'tech-accord').lean();
    expect(current).toMatchObject({ version: 2, statement: 'Second', commitments: ['stronger-defence', 'no-offence'], changedBy: 'system:test' });
    expect((await Pledge.historyOf(organisation._id).lean()).map((pledge) => pledge.version)).toEqual([2, 1]);
    const stored = await Organisation.findById(organisation._id).lean();
    expect(stored).toMatchObject({
      initiatives: ['tech-accord'],
      commitments: ['tech-accord:no-offence', 'tech-accord:stronger-defence'],
      joinedYears: [2018],
    });
    expect(await AuditEvent.countDocuments({ action: 'pledge.updated', organisation: organisation._id })).toBe(2);
  });

  it('adds no version and no audit event when a save changes nothing', async () => {
    const organisation = await createOrganisation('Steady');
    const change = { organisation: organisation._id, initiative: 'tech-accord' as const, commitments: ['no-offence'], statement: 'Same' };
    await savePledge(change);
    expect(await savePledge({ ...change, statement: ' Same ' })).toEqual({ changed: false, version: null });
    expect(await Pledge.countDocuments({ organisation: organisation._id })).toBe(1);
    expect(await AuditEvent.countDocuments({ organisation: organisation._id })).toBe(1);
  });

  it('refuses commitments the initiative does not have', async () => {
    const organisation = await createOrganisation('Wrong');
    await expect(
      savePledge({ organisation: organisation._id, initiative: 'tech-accord', commitments: ['cyber-hygiene'], statement: '' }),
    ).rejects.toThrow('Unknown commitments for tech-accord: cyber-hygiene');
    expect(await Pledge.countDocuments({ organisation: organisation._id })).toBe(0);
    expect(await AuditEvent.countDocuments({ organisation: organisation._id })).toBe(0);
  });
});

describe('evidence level', () => {
  it('follows the evidence statuses', async () => {
    const organisation = await createOrganisation('Evident');
    await Evidence.create({
      organisation: organisation._id,
      kind: 'dmarc',
      subject: 'example.com',
      status: 'verified',
    });
    expect((await sync(organisation._id))?.evidenceLevel).toBe('verified');
    await Evidence.create({
      organisation: organisation._id,
      kind: 'spf',
      subject: 'example.com',
      status: 'failing',
    });
    await sync(organisation._id);
    expect((await Organisation.findById(organisation._id).lean())?.evidenceLevel).toBe('partial');
  });
});
