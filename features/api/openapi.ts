import { z } from 'zod';
import { API_SCOPES } from '@/features/api-tokens/api-tokens.schema';
import { API_ENDPOINTS, problemSchema, type ApiEndpoint } from './api.schema';

type Json = Record<string, unknown>;

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: PROBLEM } } });

/** The answers every endpoint with a token can give besides its own. */
const TOKEN_PROBLEMS = {
  '401': problemResponse('No token, or the token is unknown, expired or revoked'),
  '403': problemResponse('The token lacks the scope the endpoint needs'),
  '404': problemResponse('Not found (including another organization’s ids)'),
  '422': problemResponse('The request is not valid (field errors in `errors`)'),
  '429': {
    ...problemResponse('The token’s rate limit was reached'),
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  },
};

/** A zod schema as the JSON Schema (2020-12, OpenAPI 3.1's dialect) of what is sent or answered. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function operation(endpoint: ApiEndpoint): Json {
  const parameters: Json[] = [];
  for (const [name, description] of Object.entries(endpoint.pathParams ?? {})) {
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });
  }
  if (endpoint.query) {
    const shape = jsonSchema(endpoint.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(shape.properties ?? {})) {
      parameters.push({ name, in: 'query', required: shape.required?.includes(name) ?? false, schema });
    }
  }
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.scope ? { security: [{ bearerToken: [] }], 'x-demarc-scope': endpoint.scope } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } } }
      : {}),
    ...(endpoint.fileBody
      ? {
          requestBody: {
            required: true,
            description: endpoint.fileBody,
            content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
          },
        }
      : {}),
    responses: {
      [String(endpoint.status ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } },
      },
      ...Object.fromEntries(
        Object.entries(endpoint.alsoAnswers ?? {}).map(([status, description]) => [
          status,
          { description, content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } } },
        ]),
      ),
      ...(endpoint.scope ? TOKEN_PROBLEMS : {}),
      ...Object.fromEntries(Object.entries(endpoint.problems ?? {}).map(([status, description]) => [status, problemResponse(description)])),
      '500': problemResponse('Something went wrong on our side'),
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the endpoints' zod schemas. */
export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const endpoint of API_ENDPOINTS as readonly ApiEndpoint[]) {
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Demarc API',
      version: '1.0.0',
      description:
        'Read systems, controls and summaries, add evidence and send security-tool findings, with an organization’s API token. ' +
        `Scopes: ${API_SCOPES.join(', ')}. Errors are RFC 9457 problem details.`,
    },
    security: [{ bearerToken: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token (dmc_…) created on the API tokens page' },
      },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
    },
  };
}
