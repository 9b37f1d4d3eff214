import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFor, forumRules, type ForumMatrixWorld } from '../../support/forum-matrix.js';
import { createCategory, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const PEOPLE = {
  anonymous: { signedIn: false, isAuthor: false, role: 'none' },
  member: { signedIn: true, isAuthor: false, role: 'none' },
  author: { signedIn: true, isAuthor: true, role: 'none' },
  moderator: { signedIn: true, isAuthor: false, role: 'moderator' },
  admin: { signedIn: true, isAuthor: false, role: 'admin' },
} as const;
type Person = keyof typeof PEOPLE;

describe('forum authorization: every forum route × anonymous, member, author, moderator, admin', () => {
  let api: TestApi;
  let world: ForumMatrixWorld;
  let tokens: Record<Exclude<Person, 'anonymous'>, string>;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    tokens = {
      member: await api.tokenFor([], 'Member'),
      author: await api.tokenFor([], 'Author'),
      moderator: await api.tokenFor(['moderator'], 'Moderator'),
      admin: await api.tokenFor(['admin'], 'Admin'),
    };
    world = { api, author: tokens.author, moderator: tokens.moderator, admin: tokens.admin, categoryId: await createCategory(api, tokens.admin) };
  });
  afterAll(async () => {
    await api.stop();
  });

  const rules = forumRules(() => world);
  for (const rule of rules) {
    it(`${rule.op}: ${Object.keys(PEOPLE).map((p) => `${p} ${expectedFor(rule, PEOPLE[p as Person])}`).join(', ')}`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const person of Object.keys(PEOPLE) as Person[]) {
        const token = person === 'anonymous' ? undefined : tokens[person];
        const res = await rule.call({ call: (method, path, body) => api.call(method, path, { ...(token ? { token } : {}), body }) });
        got[person] = res.status;
        want[person] = expectedFor(rule, PEOPLE[person]);
      }
      expect(got).toEqual(want);
    });
  }
});
