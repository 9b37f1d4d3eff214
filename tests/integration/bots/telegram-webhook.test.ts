import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { freePort } from '../../support/bot-platforms.js';


describe('Telegram bot in webhook mode: only updates carrying the secret are handled', () => {
  const secret = 'webhook-secret-0123456789';
  let telegram: FakeTelegram;
  let api: TestApi;
  let hook: string;
  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000004:${'D'.repeat(32)}`, limits: null });
    const port = await freePort();
    hook = `http://127.0.0.1:${port}/telegram/webhook`;
    api = await startTestApi(
      { ...noRateLimits, PORT: String(port), TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_WEBHOOK_URL: hook, TELEGRAM_WEBHOOK_SECRET: secret },
      ['bots'],
    );
  });
  afterAll(async () => {
    await api.stop();
    await telegram.close();
  });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('sets the webhook with its secret and answers the updates Telegram posts', async () => {
    expect(telegram.webhook).toMatchObject({ url: hook, secretToken: secret });
    const user = { id: 6_100_001, first_name: 'Ngọc', language_code: 'en' };
    const { status } = await telegram.deliverToWebhook(telegram.commandFrom(user, 'start'));
    expect(status).toBe(200);
    await expect.poll(() => telegram.sentTo(user.id).length).toBe(1);
    expect(telegram.sentTo(user.id)[0]?.text).toContain('Welcome');
  });

  it('refuses forged updates (wrong or missing secret) with 401 and answers nobody', async () => {
    const user = { id: 6_100_002, first_name: 'Mạo danh' };
    const update = JSON.stringify({ update_id: 99, ...telegram.commandFrom(user, 'token') });
    expect((await post(update, { 'x-telegram-bot-api-secret-token': 'guess-guess-guess-guess' })).status).toBe(401);
    expect((await post(update)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.sentTo(user.id)).toEqual([]);
  });

  it('answers malformed and oversized bodies with 4xx, and keeps serving', async () => {
    const withSecret = { 'x-telegram-bot-api-secret-token': secret };
    expect((await post('{"update_id":', withSecret)).status).toBe(400);
    expect((await post('[1,2,3]', withSecret)).status).toBe(400);
    expect((await post('{"message":"no id"}', withSecret)).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 1, filler: 'x'.repeat(2_000_000) }), withSecret)).status).toBe(413);
    // An update of a kind the bot does not handle is acknowledged and ignored.
    expect((await post(JSON.stringify({ update_id: 2, edited_message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' } } }), withSecret)).status).toBe(200);
    const user = { id: 6_100_003, first_name: 'Sau đó' };
    expect((await telegram.deliverToWebhook(telegram.commandFrom(user, 'help'))).status).toBe(200);
    await expect.poll(() => telegram.sentTo(user.id).length).toBe(1);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it('never answers 5xx, whatever JSON or update shape arrives with the right secret', async () => {
    const withSecret = { 'x-telegram-bot-api-secret-token': secret };
    const text = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('/start', '/requests', '/intros', '/token x', '/search', '/timezone', '/'), fc.string({ minLength: 4000, maxLength: 5000 }));
    const from = fc.record({ id: fc.integer({ min: 1, max: 2 ** 40 }), is_bot: fc.boolean(), first_name: fc.string({ maxLength: 70 }), language_code: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }) });
    const update = fc.record({
      update_id: fc.integer({ min: 1, max: 2 ** 31 }),
      message: fc.option(fc.record({ message_id: fc.nat(), date: fc.nat(), chat: fc.record({ id: fc.integer(), type: fc.constantFrom('private', 'group', 'supergroup', 'channel') }), from, text }), { nil: undefined }),
      callback_query: fc.option(fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), from, chat_instance: fc.string(), data: fc.string({ maxLength: 64 }) }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(update, fc.jsonValue()), async (body) => {
        const res = await post(JSON.stringify(body), withSecret);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const user = { id: 6_100_004, first_name: 'Vẫn ổn' };
    expect((await telegram.deliverToWebhook(telegram.commandFrom(user, 'help'))).status).toBe(200);
    await expect.poll(() => telegram.sentTo(user.id).length).toBe(1);
  }, 60_000);
});
