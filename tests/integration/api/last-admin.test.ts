import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/service.js';

// "The last admin" is a fact about the whole database, so each test gets its own service.
describe('the last admin', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(async () => {
    await api.stop();
  });

  async function idOf(token: string): Promise<string> {
    return (await api.call('GET', '/me', { token })).body.id as string;
  }

  async function admins(token: string): Promise<string[]> {
    const res = await api.call('GET', '/users?role=admin&limit=100', { token });
    return (res.body.items as { id: string }[]).map((u) => u.id);
  }

  it('cannot take away their own admin role when nobody else is an admin (409), said in the caller’s language', async () => {
    const admin = await api.tokenFor(['admin'], 'Only admin');
    const refused = await api.call('PUT', `/users/${await idOf(admin)}/roles`, { token: admin, body: { roles: ['organiser'] }, lang: 'vi' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('user.last_admin');
    expect(refused.body.error.message).toMatch(/quản trị viên cuối cùng/);
    expect((await api.call('GET', '/me', { token: admin })).body.roles).toContain('admin');
  });

  it('lets an admin step down once someone else is an admin', async () => {
    const first = await api.tokenFor(['admin'], 'First admin');
    const second = await api.tokenFor([], 'Second admin');
    const secondId = await idOf(second);
    expect((await api.call('PUT', `/users/${secondId}/roles`, { token: first, body: { roles: ['admin'] } })).status).toBe(200);
    const stepDown = await api.call('PUT', `/users/${await idOf(first)}/roles`, { token: first, body: { roles: ['organiser'] } });
    expect(stepDown.status).toBe(200);
    expect(await admins(second)).toEqual([secondId]);
  });

  it('never leaves zero admins when two admins demote each other at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = await api.tokenFor(['admin'], `Admin A${round}`);
      const b = await api.tokenFor(['admin'], `Admin B${round}`);
      const [aId, bId] = await Promise.all([idOf(a), idOf(b)]);
      // Every earlier round left exactly one admin; demote it so A and B are the only two.
      for (const id of await admins(a)) {
        if (id !== aId && id !== bId) expect((await api.call('PUT', `/users/${id}/roles`, { token: a, body: { roles: [] } })).status).toBe(200);
      }
      const answers = await Promise.all([
        api.call('PUT', `/users/${bId}/roles`, { token: a, body: { roles: [] } }),
        api.call('PUT', `/users/${aId}/roles`, { token: b, body: { roles: [] } }),
      ]);
      const statuses = answers.map((r) => r.status).sort();
      // One demotion wins. The loser is refused: either as the last admin, or because the
      // winner's demotion took its own admin role first (its token is no longer an admin's).
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const survivor = answers[0]?.status === 200 ? a : b;
      expect(await admins(survivor)).toHaveLength(1);
    }
  });
});
