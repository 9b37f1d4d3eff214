import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/api/routes/index.js';
import { VALID_BODIES } from '../support/request-bodies.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  maxLength?: number;
  maxItems?: number;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  const?: unknown;
};

interface Limit {
  path: string[];
  kind: 'string' | 'array';
  max: number | undefined;
  bounded: boolean;
}

/** Every string and array inside an input schema, with the limit it declares (if any). */
function limitsOf(schema: JsonSchema, path: string[] = []): Limit[] {
  const variants = schema.anyOf ?? [schema];
  return variants.flatMap((s) => {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const own: Limit[] = [];
    if (types.includes('string')) {
      own.push({ path, kind: 'string', max: s.maxLength, bounded: s.maxLength !== undefined || s.enum !== undefined || s.const !== undefined || s.pattern !== undefined });
    }
    if (types.includes('array')) {
      own.push({ path, kind: 'array', max: s.maxItems, bounded: s.maxItems !== undefined });
    }
    const nested = Object.entries(s.properties ?? {}).flatMap(([key, child]) => limitsOf(child, [...path, key]));
    const items = s.items ? limitsOf(s.items, [...path, '0']) : [];
    return [...own, ...nested, ...items];
  });
}

const bodyRoutes = apiRoutes.filter((route) => route.body);

describe('input limits', () => {
  it.each(bodyRoutes.map((r) => [r.operationId, r] as const))('%s: every string and list in the body has a limit', (_id, route) => {
    const schema = z.toJSONSchema(route.body as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const unbounded = limitsOf(schema).filter((limit) => !limit.bounded).map((limit) => limit.path.join('.') || '(body)');
    expect(unbounded).toEqual([]);
  });

  const overLimitCases = bodyRoutes.flatMap((route) => {
    const valid = VALID_BODIES[route.operationId];
    if (!valid) return [];
    const schema = z.toJSONSchema(route.body as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    return limitsOf(schema)
      .filter((limit) => limit.max !== undefined && limit.path.length === 1 && limit.path[0] !== '0')
      .map((limit) => [route.operationId, limit.path.join('.'), route, limit] as const);
  });

  it.each(overLimitCases)('%s: %s one past its limit is refused at that field', (_id, _field, route, limit) => {
    const key = limit.path[0] as string;
    const tooMuch = limit.kind === 'string' ? 'x'.repeat((limit.max as number) + 1) : Array.from({ length: (limit.max as number) + 1 }, (_, i) => `item${i}`);
    const body = { ...(VALID_BODIES[route.operationId] as Record<string, unknown>), [key]: tooMuch };
    const result = (route.body as z.ZodType).safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path[0] === key)).toBe(true);
  });
});
