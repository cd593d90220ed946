import { summariseMemberships } from '../../src/registry/derivedFields';
import { evidenceLevelOf } from '../../src/reference/evidenceLevels';

describe('summariseMemberships', () => {
  it('counts active memberships only, earliest date first', () => {
    expect(
      summariseMemberships([
        { initiative: 'paris-call', joinedAt: new Date('2019-11-12T00:00:00Z'), status: 'active' },
        { initiative: 'tech-accord', joinedAt: new Date('2018-04-17T00:00:00Z'), status: 'withdrawn' },
      ]),
    ).toEqual({
      initiatives: ['paris-call'],
      joinedYears: [2019],
      firstJoinedAt: new Date('2019-11-12T00:00:00Z'),
    });
  });

  it('handles unknown join dates', () => {
    expect(summariseMemberships([{ initiative: 'paris-call', joinedAt: null, status: 'active' }])).toEqual({
      initiatives: ['paris-call'],
      joinedYears: [],
      firstJoinedAt: null,
    });
  });
});

describe('evidenceLevelOf', () => {
  it('summarises statuses, ignoring pending reviews', () => {
    expect(evidenceLevelOf([])).toBe('none');
    expect(evidenceLevelOf(['pending-review'])).toBe('none');
    expect(evidenceLevelOf(['failing', 'stale'])).toBe('none');
    expect(evidenceLevelOf(['verified', 'failing'])).toBe('partial');
    expect(evidenceLevelOf(['verified', 'pending-review'])).toBe('verified');
  });
});
