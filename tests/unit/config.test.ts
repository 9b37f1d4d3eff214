import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000 });
    expect(config.mongo).toEqual({
      kind: 'embedded',
      port: 0,
      dataDir: './data/mongo',
      fsync: 'batched',
      dbName: 'vnbridge',
    });
    expect(config.redis).toEqual({ url: undefined, dataDir: undefined, keyPrefix: 'vnb' });
    expect(config.shutdownTimeoutMs).toBe(10_000);
  });

  it('uses a real MongoDB when MONGODB_URI is set', () => {
    const config = loadConfig({ MONGODB_URI: 'mongodb+srv://user:pw@cluster.example.net/app' });
    expect(config.mongo).toEqual({
      kind: 'external',
      uri: 'mongodb+srv://user:pw@cluster.example.net/app',
      dbName: undefined,
    });
  });

  it('keeps the embedded database in memory when persistence is off', () => {
    const config = loadConfig({ EMBEDDED_MONGO_PERSIST: 'false', DATA_DIR: '/srv/vnb' });
    expect(config.mongo).toMatchObject({ kind: 'embedded', dataDir: undefined });
    expect(config.dataDir).toBe('/srv/vnb');
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    const config = loadConfig({ MONGODB_URI: '', REDIS_URL: '', PORT: '' });
    expect(config.mongo.kind).toBe('embedded');
    expect(config.redis.url).toBeUndefined();
    expect(config.http.port).toBe(3000);
  });

  it('lists every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'localhost:6379', EMBEDDED_MONGO_FSYNC: 'sometimes' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL', 'EMBEDDED_MONGO_FSYNC']) {
      expect(problems).toContain(name);
    }
    expect((caught as ConfigError).problems).toHaveLength(4);
  });

  it('never repeats a bad value in its message, since values may be secrets', () => {
    const secret = 'mysql://root:hunter2@db/prod';
    try {
      loadConfig({ MONGODB_URI: secret });
      expect.unreachable('a non-mongodb URI must be refused');
    } catch (error) {
      expect((error as Error).message).toContain('MONGODB_URI');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('refuses ports outside 0-65535', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535/);
  });

  it('leaves the bots off without tokens and points them at the real platforms by default', () => {
    const config = loadConfig({});
    expect(config.telegram).toEqual({ token: undefined, apiRoot: 'https://api.telegram.org', webhookUrl: undefined, webhookSecret: undefined });
    expect(config.discord.token).toBeUndefined();
    expect(config.discord.apiBase).toBe('https://discord.com/api');
    expect(config.discord.guildIds).toEqual([]);
  });

  it('takes platform addresses without a trailing slash and a list of guild ids', () => {
    const config = loadConfig({
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      DISCORD_API_BASE: 'http://127.0.0.1:9000/api/',
      DISCORD_GUILD_IDS: '123456789012345678, 223456789012345678',
    });
    expect(config.telegram.apiRoot).toBe('http://127.0.0.1:8081');
    expect(config.discord.apiBase).toBe('http://127.0.0.1:9000/api');
    expect(config.discord.guildIds).toEqual(['123456789012345678', '223456789012345678']);
  });

  it('names a malformed bot token without printing it', () => {
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: 'not a token secret123', DISCORD_PUBLIC_KEY: 'xyz' });
      expect.unreachable('malformed platform settings must be refused');
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('TELEGRAM_BOT_TOKEN');
      expect(problems).toContain('DISCORD_PUBLIC_KEY');
      expect(problems).not.toContain('secret123');
    }
  });
});
