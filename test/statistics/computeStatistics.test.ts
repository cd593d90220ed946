import {
  computeStatistics,
  statisticsSchema,
  type EvidenceResult,
  type StatisticsOrganisation,
} from '../../src/features/statistics/computeStatistics';

const at = (iso: string) => Date.parse(iso);

function organisation(
  slug: string,
  fields: Partial<StatisticsOrganisation> & { joined?: [string, string | null][] },
): StatisticsOrganisation {
  const memberships = (fields.joined ?? []).map(([initiative, date]) => ({
    initiative,
    joinedAt: date === null ? null : at(date),
  }));
  return {
    slug,
    country: null,
    category: null,
    sector: null,
    initiatives: [...new Set(memberships.map((membership) => membership.initiative))].sort(),
    commitments: [],
    domains: [],
    memberships,
    ...fields,
  };
}

const organisations = [
  organisation('a', {
    country: 'FR',
    category: 'private-sector',
    sector: 'company',
    joined: [['paris-call', '2018-11-12']],
    commitments: ['paris-call:cyber-hygiene'],
    domains: ['a.example'],
  }),
  organisation('b', {
    country: 'FR',
    category: 'state',
    sector: 'government',
    joined: [
      ['paris-call', '2019-01-31'],
      ['tech-accord', '2018-04-17'],
    ],
    commitments: ['paris-call:cyber-hygiene', 'tech-accord:no-offence'],
    domains: ['b.example', 'mail.b.example'],
  }),
  organisation('c', {
    country: 'US',
    category: 'private-sector',
    sector: 'company',
    joined: [['tech-accord', '2018-04-01']],
    commitments: ['tech-accord:no-offence', 'tech-accord:stronger-defence'],
    domains: ['c.example'],
  }),
  organisation('d', { joined: [['paris-call', null]], domains: [] }),
];

function result(organisation: string, kind: EvidenceResult['kind'], subject: string, level: string | null) {
  return { organisation, kind, subject, level, status: 'verified', checkedAt: at('2026-10-01') } as const;
}

const evidence: EvidenceResult[] = [
  result('a', 'dmarc', 'a.example', 'reject'),
  result('b', 'dmarc', 'b.example', 'none'),
  result('b', 'dmarc', 'mail.b.example', 'error'),
  result('c', 'dmarc', 'C.example', 'quarantine'),
  result('c', 'security-txt', 'https://c.example/.well-known/security.txt', 'valid'),
  result('b', 'security-txt', 'b.example', 'expired'),
  result('a', 'security-txt', 'a.example', null),
  result('d', 'dmarc', 'd.example', 'missing'),
  result('gone', 'dmarc', 'gone.example', 'reject'),
];

describe('computeStatistics', () => {
  const statistics = computeStatistics({ organisations, evidence });

  it('produces output its own schema accepts', () => {
    expect(statisticsSchema.parse(statistics)).toEqual(statistics);
  });

  it('counts signatories by country, initiative, category and sector', () => {
    expect(statistics.totals).toEqual({ signatories: 4, countries: 2, withoutCountry: 1 });
    expect(statistics.byCountry).toEqual([
      { country: 'FR', count: 2 },
      { country: 'US', count: 1 },
    ]);
    expect(statistics.byInitiative).toEqual([
      { initiative: 'tech-accord', count: 2 },
      { initiative: 'paris-call', count: 3 },
    ]);
    expect(statistics.byCategory).toEqual([
      { category: 'state', count: 1 },
      { category: 'public-authority', count: 0 },
      { category: 'private-sector', count: 2 },
      { category: 'civil-society', count: 0 },
      { category: null, count: 1 },
    ]);
    expect(statistics.bySector.find((row) => row.sector === 'company')?.count).toBe(2);
    expect(statistics.bySector.at(-1)).toEqual({ sector: null, count: 1 });
  });

  it('accumulates signatories per initiative month by month, undated ones apart', () => {
    const { months, series } = statistics.growth;
    expect(months[0]).toBe('2018-04');
    expect(months.at(-1)).toBe('2019-01');
    expect(months).toHaveLength(10);
    const techAccord = series.find((line) => line.initiative === 'tech-accord');
    const parisCall = series.find((line) => line.initiative === 'paris-call');
    expect(techAccord?.cumulative).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(parisCall?.cumulative).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
    expect(parisCall?.undated).toBe(1);
  });

  it('counts each commitment of every initiative, zeros included', () => {
    const row = (key: string) => statistics.commitments.find((commitment) => commitment.key === key);
    expect(row('tech-accord:no-offence')?.organisations).toBe(2);
    expect(row('tech-accord:stronger-defence')?.organisations).toBe(1);
    expect(row('paris-call:cyber-hygiene')?.organisations).toBe(2);
    expect(row('tech-accord:collective-action')?.organisations).toBe(0);
    expect(statistics.commitments).toHaveLength(4 + 9);
  });

  it('tallies DMARC and security.txt per distinct domain of active signatories', () => {
    const { dmarc, securityTxt } = statistics.evidence;
    // a, b, mail.b, c and d's checked subject; the organisation that left is not counted.
    expect(dmarc.domains).toBe(5);
    expect(Object.fromEntries(dmarc.levels.map((row) => [row.level, row.count]))).toEqual({
      reject: 1,
      quarantine: 1,
      none: 1,
      invalid: 0,
      missing: 1,
    });
    expect(dmarc.unchecked).toBe(1);
    expect(securityTxt).toMatchObject({ domains: 4, present: 3, valid: 2, unchecked: 1 });
  });

  it('narrows every figure to one initiative', () => {
    const techAccord = computeStatistics({ organisations, evidence }, 'tech-accord');
    expect(techAccord.initiative).toBe('tech-accord');
    expect(techAccord.totals.signatories).toBe(2);
    expect(techAccord.byInitiative).toEqual([{ initiative: 'tech-accord', count: 2 }]);
    expect(techAccord.growth.series.map((line) => line.initiative)).toEqual(['tech-accord']);
    expect(techAccord.growth.months).toEqual(['2018-04']);
    expect(techAccord.commitments.every((row) => row.initiative === 'tech-accord')).toBe(true);
    expect(techAccord.evidence.dmarc.domains).toBe(3);
  });

  it('answers an empty registry with zeros and no months', () => {
    const empty = computeStatistics({ organisations: [], evidence: [] });
    expect(statisticsSchema.parse(empty).totals.signatories).toBe(0);
    expect(empty.growth.months).toEqual([]);
    expect(empty.evidence.dmarc.domains).toBe(0);
  });
});
