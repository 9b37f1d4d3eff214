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
  503: 'A dependency (details.dependency, e.g. redis) cannot be reached; nothing was changed; retry after the Retry-After header',
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

/**
 * A route served outside the route specs (a calendar file, a health probe), described by hand
 * next to its handler so the document still lists every route the service answers.
 */
export interface PlainOperation {
  method: 'get';
  /** OpenAPI-style path; under /api/v1 unless `root` (the probes live at the server root). */
  path: string;
  root?: boolean;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  params?: { name: string; description: string; pattern?: string }[];
  success: { status: number; description: string; contentType: string; schema?: JsonSchema };
  errors: readonly number[];
}

/** The Accept-Language header every operation reads: messages and texts in vi or en. */
const ACCEPT_LANGUAGE = {
  name: 'Accept-Language',
  in: 'header',
  required: false,
  description: 'Language of messages and localised texts: vi or en. Without it, a signed-in caller gets their account language and others English.',
  schema: { type: 'string', example: 'vi' },
};

function errorResponses(statuses: Iterable<number>): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const status of statuses) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return responses;
}

function plainOperation(op: PlainOperation): Record<string, unknown> {
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    tags: [op.tag],
    parameters: [
      ...(op.params ?? []).map((p) => ({ name: p.name, in: 'path', required: true, description: p.description, schema: { type: 'string', ...(p.pattern ? { pattern: p.pattern } : {}) } })),
      { $ref: '#/components/parameters/AcceptLanguage' },
    ],
    responses: {
      [op.success.status]: { description: op.success.description, content: { [op.success.contentType]: { schema: op.success.schema ?? { type: 'string' } } } },
      ...errorResponses(new Set(op.errors)),
    },
  };
}

function accessNote(access: Access): string {
  if (access === 'public') return 'Public.';
  if (access === 'user') return 'Any signed-in user.';
  return `Roles: ${access.join(', ')}.`;
}

/** Builds the OpenAPI 3.1 document from the same route specs and zod schemas that serve the API. */
export function buildOpenApiDocument(
  specs: readonly RouteSpec<never, never, never, unknown, Access>[],
  version: string,
  plain: readonly PlainOperation[] = [],
): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of plain) {
    // The probes answer at the server root, not under /api/v1: their path item says so.
    paths[op.path] ??= op.root ? { servers: [{ url: '/' }] } : {};
    paths[op.path]![op.method] = plainOperation(op);
  }
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
    Object.assign(responses, errorResponses(new Set(errors)));
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      description: accessNote(spec.access),
      tags: [spec.tag],
      ...(spec.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query'), { $ref: '#/components/parameters/AcceptLanguage' }],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input'), ...(spec.example ? { example: spec.example } : {}) } },
            },
          }
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
      parameters: { AcceptLanguage: ACCEPT_LANGUAGE },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
    paths,
  };
}
