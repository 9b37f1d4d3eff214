import { z } from 'zod';
import type { Access, RouteSpec } from './route-spec.js';

type JsonSchema = Record<string, unknown>;

const errorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable identifier, e.g. request.not_found' }),
    message: z.string().meta({ description: 'Human-readable, in Vietnamese or English' }),
    details: z.record(z.string(), z.unknown()),
  }),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; details.issues lists each field',
  401: 'No or invalid bearer token',
  403: 'Not allowed for your roles, or account banned',
  404: 'Not found',
  409: 'Conflicts with the current state',
  422: 'Breaks a rule of the domain',
  429: 'Too many requests; retry after the Retry-After header',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function accessNote(access: Access): string {
  if (access === 'public') return 'Public.';
  if (access === 'user') return 'Any signed-in user.';
  return `Roles: ${access.join(', ')}.`;
}

/** Builds the OpenAPI 3.1 document from the same route specs and zod schemas that serve the API. */
export function buildOpenApiDocument(specs: readonly RouteSpec<never, never, never, unknown, Access>[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs as readonly RouteSpec[]) {
    const errors = [400, ...(spec.access === 'public' ? [] : [401, 403]), 429, ...(spec.errors ?? [])];
    const responses: Record<string, unknown> = {
      [spec.success.status]: {
        description: spec.success.description,
        ...(spec.success.contentType
          ? { content: { [spec.success.contentType]: { schema: { type: 'string' } } } }
          : spec.success.schema
            ? { content: { 'application/json': { schema: jsonSchema(spec.success.schema, 'output') } } }
            : {}),
      },
    };
    for (const status of new Set(errors)) {
      responses[status] = {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      description: accessNote(spec.access),
      tags: [spec.tag],
      ...(spec.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'VN Expert Bridge API',
      version,
      description:
        'Connects overseas Vietnamese technology experts with local software firms. ' +
        'Errors are {"error":{"code","message","details"}}; messages follow Accept-Language (vi or en).',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (vnb_…)' } },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
    paths,
  };
}
