import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Exit {
  code: number | null;
  stderr: string;
}

/** Runs `npm start`'s entry point as an operator would, with only the given environment. */
function startProcess(env: Record<string, string>): { child: ChildProcess; exit: Promise<Exit>; lines: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<Exit>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { child, exit, lines };
}

async function waitForLine(lines: string[], pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = lines.find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no line matching ${pattern} within ${timeoutMs} ms; got:\n${lines.join('\n')}`);
}

describe('the service process', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('exits with code 2 and one message naming every bad variable, without their values', async () => {
    const { exit } = startProcess({ PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'secret-host:6379' });
    const { code, stderr } = await exit;
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT: must be a number/);
    expect(stderr).toMatch(/LOG_LEVEL/);
    expect(stderr).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(stderr).not.toContain('secret-host');
    expect(stderr).toContain('.env.example');
  });

  it('starts on embedded defaults, becomes ready, and stops with exit 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vnb-e2e-'));
    dirs.push(dataDir);
    const started = Date.now();
    const { child, exit, lines } = startProcess({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir });
    const ready = JSON.parse(await waitForLine(lines, /"service ready"/, 15_000)) as { url: string };
    const res = await fetch(`${ready.url}/readyz`);
    expect(res.status).toBe(200);
    console.log(`service ready in ${Date.now() - started} ms (spawn to 200 on /readyz)`);
    expect(lines.some((l) => l.includes('embedded development database'))).toBe(true);

    const stopAsked = Date.now();
    child.kill('SIGTERM');
    const { code } = await exit;
    expect(code).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(10_000);
    await expect(fetch(`${ready.url}/healthz`)).rejects.toThrow();
  });
});
