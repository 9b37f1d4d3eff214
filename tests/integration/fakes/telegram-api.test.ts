import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../../support/fake-telegram/index.js';

const alice = { id: 501, first_name: 'Alice' };

/** The refusal a grammY call ended with (fails the test if the call succeeded). */
async function refusal(call: Promise<unknown>): Promise<GrammyError> {
  const error: unknown = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

describe('fake Telegram Bot API through the real grammY Api', () => {
  let fake: FakeTelegram;
  let api: Api;

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
    fake.addUser(alice);
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers getMe and records an accepted message with its keyboard', async () => {
    expect((await api.getMe()).username).toBe('fake_test_bot');
    const markup = { inline_keyboard: [[{ text: 'Quan tâm', callback_data: 'interest:42' }]] };
    const message = await api.sendMessage(alice.id, '<b>Xin chào</b> &amp; welcome', {
      parse_mode: 'HTML',
      reply_markup: markup,
    });
    expect(message).toMatchObject({ message_id: 1, chat: { id: alice.id }, text: 'Xin chào & welcome' });
    expect(fake.sent).toEqual([
      expect.objectContaining({ chatId: alice.id, text: 'Xin chào & welcome', parseMode: 'HTML', replyMarkup: markup }),
    ]);
  });

  it('refuses an unknown token with 401 and an unknown method with 404', async () => {
    const stranger = new Api('7000001:WRONG', { apiRoot: fake.apiRoot });
    expect((await refusal(stranger.getMe())).error_code).toBe(401);
    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: 'POST' });
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('rejects text longer than 4096 characters after entity parsing, but counts tags out', async () => {
    const long = await refusal(api.sendMessage(alice.id, 'a'.repeat(4097)));
    expect(long.description).toBe('Bad Request: message is too long');
    await expect(api.sendMessage(alice.id, `<b>${'a'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).resolves.toBeTruthy();
  });

  it('rejects unbalanced HTML and unescaped MarkdownV2 with "can\'t parse entities"', async () => {
    const html = await refusal(api.sendMessage(alice.id, '<b>bold <i>both</b>', { parse_mode: 'HTML' }));
    expect(html.description).toMatch(/^Bad Request: can't parse entities: /);
    const md = await refusal(api.sendMessage(alice.id, 'Hạn chót: 1.5.', { parse_mode: 'MarkdownV2' }));
    expect(md.description).toContain("Character '.' is reserved");
    await expect(api.sendMessage(alice.id, '*Hạn chót* 1\\.5', { parse_mode: 'MarkdownV2' })).resolves.toBeTruthy();
  });

  it('rejects callback_data over 64 bytes even when it is under 64 characters', async () => {
    const data = 'rsvp:hội-thảo-công-nghệ-thông-tin-việt-kiều-ở-đức-và-nhật'; // Vietnamese letters take 2–3 bytes
    expect([data.length < 64, Buffer.byteLength(data) > 64]).toEqual([true, true]);
    const error = await refusal(
      api.sendMessage(alice.id, 'Chọn', { reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: data }]] } }),
    );
    expect(error.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('says "message is not modified" when an edit changes nothing', async () => {
    const sent = await api.sendMessage(alice.id, 'v1');
    await api.editMessageText(alice.id, sent.message_id, 'v2');
    const error = await refusal(api.editMessageText(alice.id, sent.message_id, 'v2'));
    expect(error.description).toMatch(/^Bad Request: message is not modified/);
    expect(fake.sentTo(alice.id)[0]?.text).toBe('v2');
    await api.deleteMessage(alice.id, sent.message_id);
    expect((await refusal(api.deleteMessage(alice.id, sent.message_id))).description).toBe(
      'Bad Request: message to delete not found',
    );
  });

  it('answers 403 for a user who blocked the bot and 400 for a chat it never met', async () => {
    fake.blockUser(alice.id);
    const blocked = await refusal(api.sendMessage(alice.id, 'hello'));
    expect([blocked.error_code, blocked.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    const unknown = await refusal(api.sendMessage(999_999, 'hello'));
    expect([unknown.error_code, unknown.description]).toEqual([400, 'Bad Request: chat not found']);
  });

  it('floods a private chat past its burst with 429 and retry_after', async () => {
    fake.setLimits({ perChat: 1, burst: 2 });
    await api.sendMessage(alice.id, '1');
    await api.sendMessage(alice.id, '2');
    const error = await refusal(api.sendMessage(alice.id, '3'));
    expect(error.error_code).toBe(429);
    expect(error.description).toBe('Too Many Requests: retry after 1');
    expect(error.parameters.retry_after).toBe(1);
    expect(fake.tooManyRequests).toBe(1);
  });

  it('limits a group to N messages per minute and tells the caller to wait most of a minute', async () => {
    fake.setLimits({ perChat: 100, burst: 100, perGroupPerMinute: 2 });
    const group = fake.addGroup(-100123);
    await api.sendMessage(group.id, 'a');
    await api.sendMessage(group.id, 'b');
    const error = await refusal(api.sendMessage(group.id, 'c'));
    expect(error.parameters.retry_after).toBeGreaterThanOrEqual(59);
  });

  it('lets @grammyjs/auto-retry wait out retry_after and then succeed', async () => {
    fake.setLimits({ perChat: 1, burst: 1 });
    api.config.use(autoRetry({ maxRetryAttempts: 2 }));
    const started = Date.now();
    await api.sendMessage(alice.id, 'first');
    await api.sendMessage(alice.id, 'second');
    expect(fake.tooManyRequests).toBe(1);
    expect(fake.sent.map((m) => m.text)).toEqual(['first', 'second']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([200, 429, 200]);
  });

  it('stores commands per scope and language', async () => {
    await api.setMyCommands([{ command: 'events', description: 'Sự kiện sắp tới' }], { language_code: 'vi' });
    expect(await api.getMyCommands({ language_code: 'vi' })).toEqual([{ command: 'events', description: 'Sự kiện sắp tới' }]);
    expect(await api.getMyCommands()).toEqual([]);
    const bad = await refusal(api.setMyCommands([{ command: 'Events!', description: 'x' }]));
    expect(bad.description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });
});
