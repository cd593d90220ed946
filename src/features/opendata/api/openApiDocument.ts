import { z } from 'zod';
import { statisticsSchema } from '../../statistics/computeStatistics';
import * as schemas from '../schemas';
import { noQuery, organisationListQuery, statisticsQuery } from './parameters';
import { API_PATHS, type ApiPath } from './paths';

type JsonSchema = Record<string, unknown>;

/** Every public shape under the name it has in the document's components. */
const components = z.registry<{ id: string }>();
components.add(schemas.membershipSchema, { id: 'Membership' });
components.add(schemas.organisationSchema, { id: 'Organisation' });
components.add(schemas.organisationPageSchema, { id: 'OrganisationPage' });
components.add(schemas.organisationProfileSchema, { id: 'OrganisationProfile' });
components.add(schemas.initiativeSchema, { id: 'Initiative' });
components.add(schemas.initiativeListSchema, { id: 'InitiativeList' });
components.add(schemas.downloadSchema, { id: 'SignatoriesDownload' });
components.add(schemas.licenceSchema, { id: 'Licence' });
components.add(schemas.problemSchema, { id: 'Problem' });
components.add(statisticsSchema, { id: 'Statistics' });

/** OpenAPI 3.1's dialect is JSON Schema 2020-12; a component needs neither its own dialect nor an id. */
function withoutDialect({ $schema: _dialect, $id: _id, ...schema }: JsonSchema): JsonSchema {
  return schema;
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas: generated } = z.toJSONSchema(components, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(generated).map(([id, schema]) => [id, withoutDialect(schema)]));
}

/** Query parameters as the request sees them: strings, before the schemas turn them into values. */
function queryParameters(query: z.ZodObject): JsonSchema[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const { description, ...schema } = withoutDialect(z.toJSONSchema(field as z.ZodType, { io: 'input' }));
    return { name, in: 'query', required: false, description, schema };
  });
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const headers = {
  ETag: { description: 'Changes whenever the registry changes.', schema: { type: 'string' } },
  RateLimit: {
    description: 'Requests left in the current window (IETF draft 8).',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': { description: 'The limit per client IP and window.', schema: { type: 'string' } },
};

function operation(path: ApiPath) {
  const { summary, description, responseSchema, query, pathParameter } = API_PATHS[path];
  const parameters = [
    ...(pathParameter
      ? [{ name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]+$' } }]
      : []),
    ...queryParameters(
      query === 'list' ? organisationListQuery : query === 'statistics' ? statisticsQuery : noQuery,
    ),
  ];
  return {
    get: {
      operationId: API_PATHS[path].operationId,
      summary,
      description,
      parameters,
      responses: {
        '200': {
          description: 'OK',
          headers,
          content: { 'application/json': { schema: ref(responseSchema) } },
        },
        '304': { description: 'Not modified since the ETag given in If-None-Match.' },
        '400': problem('A query parameter is unknown, repeated or not valid.'),
        ...(pathParameter ? { '404': problem('Nothing has this slug.') } : {}),
        '429': problem('Too many requests from this address; retry after the RateLimit reset.'),
      },
    },
  };
}

let cached: { baseUrl: string | undefined; document: JsonSchema } | null = null;

/** The OpenAPI 3.1 document, generated from the zod schemas that validate parameters and shape answers. */
export function openApiDocument(baseUrl: string | undefined): JsonSchema {
  if (cached && cached.baseUrl === baseUrl) return cached.document;
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Accord Registry read API',
      version: '1.0.0',
      description:
        'Signatories of the Cybersecurity Tech Accord and the Paris Call, their pledges and evidence. ' +
        'Read-only JSON, camelCase, ISO 8601 dates; errors as RFC 9457 problem documents.',
    },
    servers: [{ url: `${baseUrl ?? ''}/api/v1` }],
    paths: Object.fromEntries((Object.keys(API_PATHS) as ApiPath[]).map((path) => [path, operation(path)])),
    components: { schemas: componentSchemas() },
  };
  cached = { baseUrl, document };
  return document;
}
