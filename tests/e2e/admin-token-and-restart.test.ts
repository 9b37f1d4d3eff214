import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, startServiceProcess } from '../support/service-process.js';

async function me(url: string, token: string) {
  const res = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { roles?: string[]; displayName?: string } };
}

// The embedded database's data directory is what this test is about; a real MongoDB has its own.
describe.skipIf(Boolean(process.env.MONGODB_URI))('an operator’s first steps on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vnb-admin-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  let token = '';
  it('gets an admin token from `npm run admin` while the service runs, and uses it', async () => {
    const service = await startServiceProcess({ DATA_DIR: dataDir });
    try {
      const admin = runEntry('scripts/admin.ts', { DATA_DIR: dataDir }, ['token', '--role', 'admin', '--name', 'Ops']);
      const { code, stdout } = await admin.exit;
      expect(code).toBe(0);
      token = /vnb_[A-Za-z0-9_-]+/.exec(stdout)?.[0] ?? '';
      expect(token).not.toBe('');
      const res = await me(service.url, token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ displayName: 'Ops', roles: ['member', 'admin'] });
    } finally {
      service.child.kill('SIGTERM');
      await service.exit;
    }
  }, 240_000);

  it('keeps every acknowledged write through kill -9 and a restart', async () => {
    const first = await startServiceProcess({ DATA_DIR: dataDir });
    const created: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await fetch(`${first.url}/api/v1/me/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `device ${i}` }),
      });
      expect(res.status).toBe(201);
      created.push(`device ${i}`);
    }
    first.child.kill('SIGKILL');
    await first.exit;

    const second = await startServiceProcess({ DATA_DIR: dataDir });
    try {
      expect((await me(second.url, token)).status).toBe(200);
      const res = await fetch(`${second.url}/api/v1/me/tokens`, { headers: { authorization: `Bearer ${token}` } });
      const names = ((await res.json()) as { items: { name: string }[] }).items.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(created));
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
  }, 240_000);

  it('refuses a bad admin command with usage and exit 2', async () => {
    const { code, stderr } = await runEntry('scripts/admin.ts', { DATA_DIR: dataDir }, ['token', '--role', 'king', '--name', 'x']).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown role: king');
  });
});
