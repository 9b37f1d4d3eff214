import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_COMMANDS } from '../../../bots/core/commands/index.js';
import { translate } from '../../../src/i18n/translate.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';
import { fakePlatformSettings } from '../../support/bot-platforms.js';

// Letters only Vietnamese uses: an English answer has none, a Vietnamese one almost always some.
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/** A valid argument for each command that takes one. */
const SAMPLE: Record<string, string> = {
  requests: 'kubernetes',
  search: 'da nang',
  subscribe: 'skill rust',
  unsubscribe: 'skill rust',
  timezone: 'Berlin',
  quiet: '22:00-07:00',
};

const commands = BOT_COMMANDS.filter((c) => !c.hidden);

describe('every command answers, in Vietnamese and in English, on both platforms', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let api: TestApi;
  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000007:${'G'.repeat(32)}`, limits: null });
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    api = await startTestApi(
      {
        ...noRateLimits,
        ...fakePlatformSettings({ telegram, discord, guildCommands: false }),
      },
      ['api', 'bots'],
    );
  }, 30_000);
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await discord.close();
  });

  for (const [locale, userId] of [['vi', 9_000_001], ['en', 9_000_002]] as const) {
    it(`on Telegram in ${locale === 'vi' ? 'Vietnamese' : 'English'}`, async () => {
      const chat = new TelegramChat(telegram, { id: userId, first_name: 'Tester', language_code: locale });
      for (const command of commands) {
        const answers = await chat.send(`/${command.name}${SAMPLE[command.name] ? ` ${SAMPLE[command.name]}` : ''}`);
        const text = answers.map((m) => m.text).join('\n');
        expect(text, `/${command.name}`).not.toBe('');
        expect(text, `/${command.name}`).not.toContain(translate(locale, 'internal'));
        if (locale === 'vi') expect(text, `/${command.name} in Vietnamese`).toMatch(VIETNAMESE);
        else expect(text, `/${command.name} in English`).not.toMatch(VIETNAMESE);
      }
    }, 60_000);

    it(`on Discord in ${locale === 'vi' ? 'Vietnamese' : 'English'}`, async () => {
      const user = { id: `45000000000000000${userId % 10}`, username: `tester${locale}`, locale: locale === 'vi' ? 'vi' : 'en-US' };
      for (const command of commands) {
        const record = discord.slashCommand(user, command.name, command.argument && SAMPLE[command.name] ? { [command.argument.name]: SAMPLE[command.name] ?? '' } : {}, { place: { dm: true } });
        const response = await record.responded;
        if (command.form) {
          expect(response.type, `/${command.name} opens a modal`).toBe(9);
          expect(String((response.data as { title?: string }).title), `/${command.name}`).toBe(command.form.title[locale]);
          continue;
        }
        await expect.poll(() => record.original?.embeds?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
        const text = (record.original?.embeds ?? []).map((e) => `${e.title ?? ''} ${e.description ?? ''}`).join('\n');
        expect(text, `/${command.name}`).not.toContain(translate(locale, 'internal'));
        if (locale === 'vi') expect(text, `/${command.name} in Vietnamese`).toMatch(VIETNAMESE);
        else expect(text, `/${command.name} in English`).not.toMatch(VIETNAMESE);
      }
    }, 60_000);
  }
});
