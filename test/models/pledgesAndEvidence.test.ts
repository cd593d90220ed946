import { syncOrganisationDerivedFields } from '../../src/models/derivedFields';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { Pledge } from '../../src/models/pledge';
import { recordPledgeVersion } from '../../src/models/pledgeVersions';
import { identityKeyOf, toSearchKey } from '../../src/models/searchKey';
import { clearCollections, useDatabase } from './support/database';

useDatabase();
beforeEach(clearCollections);

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
    await recordPledgeVersion({
      organisation: organisation._id,
      initiative: 'tech-accord',
      commitments: ['stronger-defence'],
      statement: 'First',
      changedBy: 'secretariat@example.org',
    });
    await recordPledgeVersion({
      organisation: organisation._id,
      initiative: 'tech-accord',
      commitments: ['stronger-defence', 'no-offence'],
      statement: 'Second',
      changedBy: 'member@example.org',
    });
    const current = await Pledge.currentFor(organisation._id, 'tech-accord').lean();
    expect(current).toMatchObject({ version: 2, statement: 'Second' });
    expect((await Pledge.historyOf(organisation._id).lean()).map((pledge) => pledge.version)).toEqual([2, 1]);
    const stored = await Organisation.findById(organisation._id).lean();
    expect(stored).toMatchObject({
      initiatives: ['tech-accord'],
      commitments: ['tech-accord:no-offence', 'tech-accord:stronger-defence'],
      joinedYears: [2018],
    });
  });

  it('refuses commitments the initiative does not have', async () => {
    const organisation = await createOrganisation('Wrong');
    await expect(
      recordPledgeVersion({
        organisation: organisation._id,
        initiative: 'tech-accord',
        commitments: ['cyber-hygiene'],
        statement: '',
        changedBy: 'x',
      }),
    ).rejects.toThrow('Unknown commitments for tech-accord: cyber-hygiene');
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
    expect((await syncOrganisationDerivedFields(organisation._id))?.evidenceLevel).toBe('verified');
    await Evidence.create({
      organisation: organisation._id,
      kind: 'spf',
      subject: 'example.com',
      status: 'failing',
    });
    await syncOrganisationDerivedFields(organisation._id);
    expect((await Organisation.findById(organisation._id).lean())?.evidenceLevel).toBe('partial');
  });
});
