import {
  newOrganisationFields,
  organisationChanges,
  type ResolvedRow,
} from '../../src/import/mergeOrganisation';

const row: ResolvedRow = {
  name: 'ABB',
  country: 'SE',
  category: 'private-sector',
  sector: 'company',
  website: 'https://global.abb',
  domains: ['global.abb'],
  joinedAt: new Date('2018-11-12T00:00:00Z'),
  initiative: 'paris-call',
  warnings: [],
};

describe('newOrganisationFields', () => {
  it('derives keys and directory fields', () => {
    expect(newOrganisationFields(row)).toMatchObject({
      searchKey: 'abb',
      identityKey: 'abb|SE',
      initiatives: ['paris-call'],
      joinedYears: [2018],
      firstJoinedAt: row.joinedAt,
      origin: 'import',
    });
  });
});

describe('organisationChanges', () => {
  const stored = () => {
    const fields = newOrganisationFields(row);
    return {
      ...fields,
      domains: [...fields.domains],
      memberships: fields.memberships.map((m) => ({ ...m })),
    };
  };

  it('finds nothing to change when the row is the same', () => {
    expect(organisationChanges(stored(), row)).toEqual({});
  });

  it('keeps stored values the row leaves empty', () => {
    expect(
      organisationChanges(stored(), { ...row, website: null, domains: [], sector: null, joinedAt: null }),
    ).toEqual({});
  });

  it('adds a membership of another initiative with its derived fields', () => {
    const changes = organisationChanges(stored(), {
      ...row,
      initiative: 'tech-accord',
      joinedAt: new Date('2018-04-17T00:00:00Z'),
    });
    expect(Object.keys(changes).sort()).toEqual(['firstJoinedAt', 'initiatives', 'memberships']);
    expect(changes.initiatives).toEqual(['paris-call', 'tech-accord']);
    expect(changes.firstJoinedAt).toEqual(new Date('2018-04-17T00:00:00Z'));
  });

  it('reports a changed website and merges domains', () => {
    const changes = organisationChanges(stored(), {
      ...row,
      website: 'https://new.abb',
      domains: ['new.abb'],
    });
    expect(changes).toEqual({ website: 'https://new.abb', domains: ['global.abb', 'new.abb'] });
  });
});
