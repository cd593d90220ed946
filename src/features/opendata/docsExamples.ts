import { INITIATIVES } from '../../reference/initiatives';
import { computeStatistics } from '../statistics/computeStatistics';
import { presentInitiative } from './presentInitiative';
import { presentOrganisation, type OrganisationFacts } from './presentOrganisation';
import { API_PATHS, type ApiPath } from './api/paths';

/** A made-up organisation, shown through the real presenters so the examples cannot drift from the API. */
const sample: OrganisationFacts = {
  slug: 'example-networks',
  name: 'Example Networks',
  country: 'FR',
  category: 'private-sector',
  sector: 'company',
  website: 'https://networks.example',
  status: { state: 'active', reason: '', since: null },
  memberships: [{ initiative: 'paris-call', joinedAt: Date.UTC(2019, 2, 1), status: 'active' }],
  commitments: ['paris-call:cyber-hygiene', 'paris-call:protect-the-internet'],
  evidenceLevel: 'verified',
  demo: false,
};

function exampleAnswer(path: ApiPath): unknown {
  const organisation = presentOrganisation(sample, { baseUrl: undefined });
  const counts = { countsByInitiative: { 'tech-accord': 0, 'paris-call': 1 }, countsByCommitment: new Map() };
  switch (path) {
    case '/organisations':
      return {
        total: 1,
        page: 1,
        size: 20,
        links: { self: '/api/v1/organisations?country=FR', next: null, prev: null },
        organisations: [organisation],
      };
    case '/organisations/{slug}':
      return {
        ...organisation,
        description: '',
        relationships: [
          {
            kind: 'funds',
            from: { name: 'Example Foundation', slug: null, profileUrl: null, website: 'https://foundation.example' },
            to: { name: 'Example Networks', slug: 'example-networks', profileUrl: '/signatories/example-networks', website: null },
            since: '2019-09-26',
            until: null,
            sourceUrl: 'https://networks.example/funding',
          },
        ],
        pledges: [
          {
            initiative: 'paris-call',
            version: 1,
            current: true,
            commitments: ['cyber-hygiene', 'protect-the-internet'],
            statement: '',
            changedBy: 'Example Networks',
            changedAt: '2019-03-01T00:00:00.000Z',
            demo: false,
          },
        ],
        evidence: [],
        measuredByRegistry: [
          {
            domain: 'networks.example',
            origin: 'website',
            check: 'dmarc',
            latestResult: { status: 'verified', level: 'reject', problems: [], checkedAt: '2026-03-01T06:00:00.000Z' },
            history: [{ status: 'verified', level: 'reject', problems: [], checkedAt: '2026-03-01T06:00:00.000Z' }],
          },
        ],
      };
    case '/initiatives':
      return { initiatives: ['…'] };
    case '/initiatives/{slug}': {
      const initiative = presentInitiative(INITIATIVES[0] as (typeof INITIATIVES)[number], counts);
      return { ...initiative, commitments: initiative.commitments.slice(0, 1) };
    }
    case '/statistics': {
      const signatory = {
        ...sample,
        initiatives: ['paris-call'],
        commitments: [...sample.commitments],
        domains: ['networks.example'],
        memberships: [{ initiative: 'paris-call', joinedAt: Date.UTC(2019, 2, 1) }],
      };
      const statistics = computeStatistics({ organisations: [signatory], evidence: [] });
      return { ...statistics, growth: '…', commitments: statistics.commitments.slice(0, 2) };
    }
  }
}

/** Each endpoint with an example request and a (shortened) answer, for the /api page. */
export function endpointExamples() {
  return (Object.keys(API_PATHS) as ApiPath[]).map((path) => ({
    path,
    id: API_PATHS[path].operationId,
    request: `/api/v1${API_PATHS[path].example}`,
    answer: JSON.stringify(exampleAnswer(path), null, 2),
  }));
}
