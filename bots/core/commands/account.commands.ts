import { LINK_CODE_TTL_MS } from '../../../src/domain/users/account-link.service.js';
import { translate } from '../../../src/i18n/translate.js';
import type { Locale } from '../../../src/i18n/messages.js';
import type { BotContext } from '../bot-context.js';
import { helpReply } from '../help.js';
import type { ActionSpec, CommandSpec } from '../command.js';
import { action, textReply, type Reply } from '../reply.js';

const LINK_CODE = /^[A-HJ-NP-Z2-9]{8}$/;

function languageButtons(): Reply['buttons'] {
  return [[{ label: 'Tiếng Việt', action: action('lang', 'vi') }, { label: 'English', action: action('lang', 'en') }]];
}

/**
 * Joins this account into the code's owner. The joined account keeps the owner's language;
 * when it differs from the one used here, the answer says so in the language the person
 * was reading, so the switch is never silent.
 */
async function redeem(ctx: BotContext, code: string): Promise<Reply> {
  const user = await ctx.services.links.redeem(code.toUpperCase(), ctx.user._id);
  if (user.locale === ctx.locale) return textReply(ctx.t('bot.welcome_linked'));
  const language = ctx.t(user.locale === 'vi' ? 'bot.language_name_vi' : 'bot.language_name_en');
  return textReply([ctx.t('bot.welcome_linked'), ctx.t('bot.link_language_kept', { language })]);
}

/** /start, with a link code when it came from a t.me deep link. */
export const startCommand: CommandSpec = {
  name: 'start',
  description: { vi: 'Bắt đầu, chọn ngôn ngữ', en: 'Start and pick a language' },
  argument: { name: 'code', label: { vi: 'mã liên kết', en: 'link code' }, description: { vi: 'Mã liên kết', en: 'Link code' }, required: false, maxLength: 64 },
  async run(ctx, argument) {
    if (LINK_CODE.test(argument.toUpperCase())) return redeem(ctx, argument);
    // "Open a private chat" buttons in groups carry `help`: land on the command list.
    if (argument === 'help') return helpReply(ctx, ctx.commands);
    return textReply([ctx.t('bot.welcome'), ctx.t('bot.lang_pick'), ctx.t('bot.who_are_you')], {
      title: ctx.t('bot.welcome_title'),
      buttons: [
        ...(languageButtons() ?? []),
        [
          { label: ctx.t('bot.i_am_expert'), action: action('tour', 'expert') },
          { label: ctx.t('bot.i_am_firm'), action: action('tour', 'firm') },
          { label: ctx.t('bot.i_am_organiser'), action: action('tour', 'organiser') },
        ],
      ],
    });
  },
};

/** The short tour for what the person said they are, with the first step as a button. */
export const tourAction: ActionSpec = {
  name: 'tour',
  async run(ctx, [who]) {
    if (who === 'expert') {
      return textReply(ctx.t('bot.tour_expert'), { buttons: [[{ label: ctx.t('bot.profile_create'), action: action('form', 'expert') }]] });
    }
    if (who === 'firm') return textReply(ctx.t('bot.tour_firm'));
    if (who === 'organiser') return textReply(ctx.t('bot.tour_organiser'));
    return textReply(ctx.t('bot.stale_button'));
  },
};

export const langCommand: CommandSpec = {
  name: 'lang',
  description: { vi: 'Đổi ngôn ngữ', en: 'Change the language' },
  async run(ctx) {
    return textReply(ctx.t('bot.lang_pick'), { buttons: languageButtons() });
  },
};

/** The language buttons: the answer comes in the language just chosen. */
export const langAction: ActionSpec = {
  name: 'lang',
  async run(ctx, [choice]) {
    const locale: Locale = choice === 'en' ? 'en' : 'vi';
    await ctx.services.users.updateMe(ctx.user._id, { locale });
    return textReply(translate(locale, 'bot.lang_set'));
  },
};

/** /link: a code to type on the other platform, or the code typed here. */
export const linkCommand: CommandSpec = {
  name: 'link',
  description: { vi: 'Liên kết Telegram, Discord và API thành một tài khoản', en: 'Join Telegram, Discord and the API into one account' },
  private: true,
  argument: { name: 'code', label: { vi: 'mã', en: 'code' }, description: { vi: 'Mã từ nền tảng kia', en: 'The code from the other platform' }, required: false, maxLength: 16 },
  async run(ctx, argument) {
    if (argument) return redeem(ctx, argument);
    const { code } = await ctx.services.links.createCode(ctx.user._id);
    const minutes = LINK_CODE_TTL_MS / 60_000;
    // The code is for the person's OTHER platform: a t.me button on Telegram would only let
    // the same account redeem its own code, so the deep link is offered on Discord alone.
    if (ctx.platform === 'telegram') {
      return textReply([ctx.t('bot.link_code', { minutes }), { code }, ctx.t('bot.link_how_on_discord')], { personal: true });
    }
    const deepLink = ctx.links.telegramStartLink?.(code);
    if (!deepLink) return textReply([ctx.t('bot.link_code', { minutes }), { code }, ctx.t('bot.link_how_on_telegram')], { personal: true });
    return textReply([ctx.t('bot.link_code', { minutes }), { code }, ctx.t('bot.link_how_open_telegram')], {
      personal: true,
      buttons: [[{ label: ctx.t('bot.link_open'), url: deepLink }]],
    });
  },
};

/** /token: a personal API token, shown once, in private only. */
export const tokenCommand: CommandSpec = {
  name: 'token',
  description: { vi: 'Tạo mã truy cập API cá nhân', en: 'Create a personal API token' },
  private: true,
  async run(ctx) {
    const { token } = await ctx.services.tokens.issue(ctx.user._id, { name: `${ctx.platform} bot` });
    return textReply([ctx.t('bot.token_issued'), { code: token }, ctx.t('bot.token_docs', { url: `${ctx.links.publicUrl}/docs` })], { personal: true });
  },
};

/** /timezone: from a city, an IANA name or a UTC offset. */
export const timezoneCommand: CommandSpec = {
  name: 'timezone',
  description: { vi: 'Đặt múi giờ (thành phố hoặc UTC+7)', en: 'Set your time zone (a city or UTC+7)' },
  argument: { name: 'city', label: { vi: 'thành phố hoặc UTC+7', en: 'city or UTC+7' }, description: { vi: 'Thành phố hoặc độ lệch UTC', en: 'A city or UTC offset' }, required: true, maxLength: 64 },
  async run(ctx, argument) {
    const zone = zoneFrom(argument);
    if (!zone) return textReply(ctx.t('bot.timezone_unknown', { input: argument }));
    await ctx.services.users.updateMe(ctx.user._id, { timezone: zone });
    return textReply(ctx.t('bot.timezone_set', { zone: zoneLabel(zone) }));
  },
};

const CITY_ZONES: Record<string, string> = {
  'ha noi': 'Asia/Ho_Chi_Minh', hanoi: 'Asia/Ho_Chi_Minh', 'da nang': 'Asia/Ho_Chi_Minh', danang: 'Asia/Ho_Chi_Minh',
  'ho chi minh': 'Asia/Ho_Chi_Minh', 'sai gon': 'Asia/Ho_Chi_Minh', saigon: 'Asia/Ho_Chi_Minh', 'hai phong': 'Asia/Ho_Chi_Minh',
  'can tho': 'Asia/Ho_Chi_Minh', hue: 'Asia/Ho_Chi_Minh', berlin: 'Europe/Berlin', munich: 'Europe/Berlin', frankfurt: 'Europe/Berlin',
  paris: 'Europe/Paris', london: 'Europe/London', amsterdam: 'Europe/Amsterdam', prague: 'Europe/Prague', warsaw: 'Europe/Warsaw',
  moscow: 'Europe/Moscow', helsinki: 'Europe/Helsinki', stockholm: 'Europe/Stockholm', zurich: 'Europe/Zurich',
  tokyo: 'Asia/Tokyo', osaka: 'Asia/Tokyo', seoul: 'Asia/Seoul', singapore: 'Asia/Singapore', bangkok: 'Asia/Bangkok',
  taipei: 'Asia/Taipei', 'hong kong': 'Asia/Hong_Kong', shanghai: 'Asia/Shanghai', sydney: 'Australia/Sydney', melbourne: 'Australia/Melbourne',
  'san francisco': 'America/Los_Angeles', 'san jose': 'America/Los_Angeles', 'los angeles': 'America/Los_Angeles', seattle: 'America/Los_Angeles',
  houston: 'America/Chicago', chicago: 'America/Chicago', 'new york': 'America/New_York', boston: 'America/New_York', toronto: 'America/Toronto',
  vancouver: 'America/Vancouver', montreal: 'America/Toronto',
};

/** An IANA zone from "Berlin", "Đà Nẵng", "Europe/Berlin", "UTC+7" or "GMT-3:30" (whole hours only for offsets). */
export function zoneFrom(input: string): string | null {
  const folded = input.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/gi, 'd').trim().toLowerCase().replace(/\s+/g, ' ');
  if (CITY_ZONES[folded]) return CITY_ZONES[folded];
  const offset = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::00)?$/.exec(folded);
  if (offset) {
    const hours = Number(offset[2]);
    if (hours > 14) return null;
    // The Etc zones' signs are inverted (POSIX): UTC+7 is Etc/GMT-7.
    return hours === 0 ? 'Etc/UTC' : `Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`;
  }
  if (folded === 'utc' || folded === 'gmt') return 'Etc/UTC';
  try {
    const zone = input.trim();
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') ? zone : null;
  } catch {
    return null;
  }
}

/**
 * A zone as people read it: "UTC+07:00" for the fixed-offset Etc zones (whose POSIX names,
 * Etc/GMT-7, have the sign backwards), "Europe/Berlin (UTC+01:00)" for the others.
 */
export function zoneLabel(zone: string, at = new Date()): string {
  const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const utc = offset === 'GMT' || offset === 'GMT+00:00' ? 'UTC' : offset.replace(/^GMT/, 'UTC');
  return zone.startsWith('Etc/') ? utc : `${zone} (${utc})`;
}

/** /announcements [off]: a group's or server's admins have the programme's announcements posted here. */
export const announcementsCommand: CommandSpec = {
  name: 'announcements',
  description: { vi: 'Đăng thông báo của chương trình vào kênh này (quản trị nhóm)', en: 'Post the programme’s announcements in this channel (group admins)' },
  managersOnly: true,
  argument: { name: 'off', label: { vi: 'off để dừng', en: 'off to stop' }, description: { vi: 'gõ off để dừng', en: 'off to stop' }, required: false, maxLength: 8 },
  async run(ctx, argument) {
    const place = ctx.place;
    if (!place) return textReply(ctx.t('bot.announcements_where'));
    const spacePlace = { platform: ctx.platform, spaceId: place.spaceId, channelId: place.channelId, canManage: await place.canManage() };
    if (argument.trim().toLowerCase() === 'off') {
      await ctx.services.announcementSpaces.remove(spacePlace);
      return textReply(ctx.t('bot.announcements_off'));
    }
    await ctx.services.announcementSpaces.set(ctx.actor, ctx.user, spacePlace);
    return textReply(ctx.t('bot.announcements_on'));
  },
};
