import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { createCategory, must, noRateLimits } from '../../support/forum.js';
import { startTestApi, uniqueName, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';

describe('a conversation half-way through survives a restart of the bot', () => {
  let telegram: FakeTelegram;
  let dataDir: string;
  const shared = { REDIS_KEY_PREFIX: uniqueName('flow'), MONGODB_DB: uniqueName('flow') };
  const start = () =>
    startTestApi(
      { ...noRateLimits, ...shared, EMBEDDED_MONGO_PERSIST: 'true', DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot },
      ['api', 'bots'],
    );
  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000008:${'H'.repeat(32)}`, limits: null });
    dataDir = mkdtempSync(join(tmpdir(), 'flow-restart-'));
  });
  afterAll(async () => {
    await telegram.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for the next field after the restart, where the person left off', async () => {
    let api: TestApi = await start();
    const categoryId = await createCategory(api, await api.tokenFor(['admin']), 'Hỏi đáp');
    const chat = new TelegramChat(telegram, { id: 9_100_001, first_name: 'Hương', language_code: 'vi' });
    await chat.send('/ask');
    expect((await chat.send('Câu hỏi trước khi khởi động lại'))[0]?.text).toContain('nội dung');
    await api.service.stop(); // the bot process goes away mid-conversation

    api = await start();
    try {
      expect((await chat.send('Nội dung gửi sau khi khởi động lại.'))[0]?.text).toContain('Chọn chuyên mục');
      expect((await chat.press('Hỏi đáp'))[0]?.text).toContain('Đã đăng: Câu hỏi trước khi khởi động lại');
      const threads = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`), 200);
      expect(threads.items[0]).toMatchObject({ title: 'Câu hỏi trước khi khởi động lại', body: 'Nội dung gửi sau khi khởi động lại.' });
    } finally {
      await api.stop();
    }
  }, 60_000);
});
