import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'webhook-secret.key';

/**
 * The key that seals webhook secrets when WEBHOOKS_SECRET_KEY is not set: kept in the data
 * directory (made on first start, readable by the owner only), so a single install needs no
 * setup and keeps working across restarts. Several hosts must share WEBHOOKS_SECRET_KEY instead.
 * Without a data directory (memory-only database) a fresh key per process loses nothing.
 */
export function webhookKeyFromDataDir(dataDir: string | undefined): { key: Buffer; created: boolean } {
  if (!dataDir) return { key: randomBytes(32), created: true };
  const path = join(dataDir, FILE);
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length === 32) return { key, created: false };
  } catch {
    // not there yet
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': two processes starting at once must not overwrite each other's key.
  try {
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return { key, created: true };
  } catch {
    return { key: Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'), created: false };
  }
}
