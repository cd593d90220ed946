/** The read API's endpoints, relative to /api/v1: what the OpenAPI document and the /api page describe. */
export const API_PATHS = {
  '/organisations': {
    operationId: 'listOrganisations',
    summary: 'Signatories matching a directory query, one page at a time',
    description:
      'The same filters, search and sorts as the /signatories page, with the total and page links.',
    responseSchema: 'OrganisationPage',
    query: 'list',
    pathParameter: false,
    example: '/organisations?country=FR&sort=joined&size=20',
  },
  '/organisations/{slug}': {
    operationId: 'getOrganisation',
    summary: 'One organisation with its pledge history and evidence results',
    description: 'Any organisation, whatever its status (withdrawn and lapsed ones included).',
    responseSchema: 'OrganisationProfile',
    query: 'none',
    pathParameter: true,
    example: '/organisations/microsoft',
  },
  '/initiatives': {
    operationId: 'listInitiatives',
    summary: 'The initiatives, their commitments in English and French, and signatory counts',
    description: 'Counts are of active signatories and of those whose current pledge adopts each commitment.',
    responseSchema: 'InitiativeList',
    query: 'none',
    pathParameter: false,
    example: '/initiatives',
  },
  '/initiatives/{slug}': {
    operationId: 'getInitiative',
    summary: 'One initiative and its commitments in English and French',
    description: 'The slug is tech-accord or paris-call.',
    responseSchema: 'Initiative',
    query: 'none',
    pathParameter: true,
    example: '/initiatives/tech-accord',
  },
  '/statistics': {
    operationId: 'getStatistics',
    summary: 'Counts by country, initiative, category, sector and commitment, growth and evidence',
    description: 'The figures of the /statistics page; narrowed to one initiative with ?initiative=.',
    responseSchema: 'Statistics',
    query: 'statistics',
    pathParameter: false,
    example: '/statistics?initiative=paris-call',
  },
} as const;

export type ApiPath = keyof typeof API_PATHS;
