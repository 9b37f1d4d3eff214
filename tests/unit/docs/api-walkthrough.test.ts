import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEALTH_OPERATIONS } from '../../../src/api/health.routes.js';
import { buildOpenApiDocument } from '../../../src/api/openapi.js';
import { CALENDAR_OPERATIONS } from '../../../src/api/routes/events-calendar.routes.js';
import { apiRoutes } from '../../../src/api/routes/index.js';

const markdown = readFileSync(new URL('../../../docs/api-walkthrough.md', import.meta.url), 'utf8');

/** The shell commands of the page in order, continuation lines joined, comments dropped. */
function commands(): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .join('\n')
    .replace(/\\\n\s*/g, ' ')
    // Multi-line single-quoted JSON bodies belong to the command that opened them.
    .replace(/'\{\n([\s\S]*?)\n\}'/g, (m) => m.replace(/\n/g, ' '))
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

const document = buildOpenApiDocument(apiRoutes, 'test', [...HEALTH_OPERATIONS, ...CALENDAR_OPERATIONS]) as {
  paths: Record<string, Record<string, unknown>>;
};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((method) => method !== 'servers')
    .map((method) => ({ method: method.toUpperCase(), pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`) })),
);

describe('docs/api-walkthrough.md', () => {
  it('sets every variable before a command uses it', () => {
    const defined = new Set<string>();
    const undefinedUses: string[] = [];
    for (const command of commands()) {
      for (const [, name] of command.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) {
        if (!defined.has(name ?? '')) undefinedUses.push(`$${name} in: ${command.slice(0, 80)}`);
      }
      const assigned = /^([A-Z][A-Z0-9_]*)=/.exec(command)?.[1];
      if (assigned) defined.add(assigned);
    }
    expect(undefinedUses).toEqual([]);
    expect([...defined]).toEqual(expect.arrayContaining(['API', 'ADMIN', 'FIRM', 'EXPERT', 'MEMBER', 'FAIR_ID', 'SLOT_ID', 'BC_ID', 'POST_ID', 'USER_ID']));
  });

  it('calls only operations the API documents, with bodies that are JSON', () => {
    const curls = commands().filter((c) => c.includes('curl '));
    expect(curls.length).toBeGreaterThan(30);
    for (const command of curls) {
      const method = /-X (\w+)/.exec(command)?.[1] ?? 'GET';
      const path = /"?\$API(\/[^\s"?]*)/.exec(command)?.[1] ?? '';
      expect(operations.some((op) => op.method === method && op.pattern.test(path)), `${method} ${path}`).toBe(true);
      const literalBody = /-d '([^']*)'/.exec(command)?.[1];
      if (literalBody !== undefined) expect(() => JSON.parse(literalBody) as unknown, command.slice(0, 80)).not.toThrow();
    }
  });
});
