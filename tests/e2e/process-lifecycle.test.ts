import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, startServiceProcess } from '../support/service-process.js';

describe('the service process', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('exits with code 2 and one message naming every bad variable, without their values', async () => {
    const { exit } = runEntry('src/main.ts', { PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'secret-host:6379' });
    const { code, stderr } = await exit;
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT: must be a number/);
    expect(stderr).toMatch(/LOG_LEVEL/);
    expect(stderr).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(stderr).not.toContain('secret-host');
    expect(stderr).toContain('.env.example');
  });

  it('refuses an unknown role with usage and exit code 2', async () => {
    const { code, stderr } = await runEntry('src/main.ts', {}, ['--role', 'chef']).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown role: chef');
    expect(stderr).toContain('--role api|worker|bots|all');
  });

  it('starts on embedded defaults, becomes ready, and stops with exit 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vnb-e2e-'));
    dirs.push(dataDir);
    const started = Date.now();
    const service = await startServiceProcess({ DATA_DIR: dataDir });
    const res = await fetch(`${service.url}/readyz`);
    expect(res.status).toBe(200);
    console.log(`service ready in ${Date.now() - started} ms (spawn to 200 on /readyz)`);
    expect(service.lines.some((l) => l.includes('embedded development database'))).toBe(true);

    const stopAsked = Date.now();
    service.child.kill('SIGTERM');
    const { code } = await service.exit;
    expect(code).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(10_000);
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  });
});
