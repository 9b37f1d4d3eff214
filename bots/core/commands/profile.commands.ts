import { ENGAGEMENT_TYPES, type EngagementType } from '../../../src/domain/shared/constants.js';
import { expertProfileInput } from '../../../src/domain/experts/expert.schemas.js';
import { DIGEST_DAYS, type DigestDay } from '../../../src/domain/users/user.model.js';
import { updateMeSchema } from '../../../src/domain/users/user.schemas.js';
import type { BotContext } from '../bot-context.js';
import type { ActionSpec, CommandSpec } from '../command.js';
import { action, textReply, type Button, type Reply } from '../reply.js';
import { zoneFrom, zoneLabel } from './account.commands.js';
import { commaList } from './bilingual.js';
import { countryName, countryZone, languageCodeOf, languageName, placeOf } from '../../../src/i18n/place-names.js';
import { normaliseSkills } from '../../../src/domain/experts/skill-tags.js';

function checkSkills(value: string, ctx: BotContext): string | null {
  return normaliseSkills(commaList(value)).length > 0 ? null : ctx.t('bot.skills_none');
}

function checkPlace(value: string, ctx: BotContext): string | null {
  return placeOf(value) ? null : ctx.t('bot.place_unknown', { input: value });
}

function checkLanguages(value: string, ctx: BotContext): string | null {
  const names = commaList(value);
  const unknown = names.filter((name) => !languageCodeOf(name));
  if (names.length === 0) return ctx.t('bot.languages_unknown', { unknown: value });
  return unknown.length > 0 ? ctx.t('bot.languages_unknown', { unknown: unknown.join(', ') }) : null;
}
import { describeIssue, safeParseIn } from '../../../src/i18n/zod-messages.js';
import { skillNames } from '../../../src/domain/experts/skill-names.js';

/** /expert: writes the expert profile from a form — headline, skills, place, languages, bio. */
export const expertCommand: CommandSpec = {
  name: 'expert',
  description: { vi: 'Tạo hoặc cập nhật hồ sơ chuyên gia', en: 'Create or update your expert profile' },
  private: true,
  form: {
    title: { vi: 'Hồ sơ chuyên gia', en: 'Expert profile' },
    fields: [
      { name: 'headline', label: { vi: 'Giới thiệu ngắn', en: 'Headline' }, prompt: { vi: 'Một dòng giới thiệu bạn (ví dụ: Kỹ sư Kubernetes ở Berlin)?', en: 'A one-line headline (e.g. Kubernetes engineer in Berlin)?' }, style: 'short', minLength: 3, maxLength: 140 },
      { name: 'skills', label: { vi: 'Kỹ năng (cách nhau bởi dấu phẩy)', en: 'Skills (comma-separated)' }, prompt: { vi: 'Kỹ năng của bạn, cách nhau bởi dấu phẩy (k8s, Go, React…)?', en: 'Your skills, comma-separated (k8s, Go, React…)?' }, style: 'short', minLength: 1, maxLength: 400, check: checkSkills },
      { name: 'place', label: { vi: 'Thành phố, nước (Tokyo, Nhật Bản)', en: 'City, country (Tokyo, Japan)' }, prompt: { vi: 'Bạn sống ở đâu? Thành phố và nước, ví dụ: Berlin, Đức', en: 'Where do you live? City and country, e.g. Berlin, Germany' }, style: 'short', minLength: 2, maxLength: 120, check: checkPlace },
      { name: 'languages', label: { vi: 'Ngôn ngữ (tiếng Việt, tiếng Anh…)', en: 'Languages (Vietnamese, English…)' }, prompt: { vi: 'Bạn làm việc bằng những ngôn ngữ nào? (tiếng Việt, tiếng Anh, tiếng Đức…)', en: 'Which languages do you work in? (Vietnamese, English, German…)' }, style: 'short', minLength: 2, maxLength: 120, check: checkLanguages },
      { name: 'bio', label: { vi: 'Đôi lời về bạn', en: 'About you' }, prompt: { vi: 'Vài câu về kinh nghiệm của bạn.', en: 'A few sentences about your experience.' }, style: 'paragraph', minLength: 1, maxLength: 4000 },
    ],
    async submit(ctx, values) {
      const place = placeOf(values.place ?? '');
      const city = place?.city;
      const languages = commaList(values.languages).map((name) => languageCodeOf(name) ?? name.toLowerCase());
      const existing = await ctx.services.experts.getOwn(ctx.user._id).catch(() => null);
      const parsed = safeParseIn(expertProfileInput, {
        headline: values.headline,
        bio: { [ctx.locale]: values.bio },
        skills: commaList(values.skills),
        languages,
        country: place?.country ?? '',
        ...(city ? { city } : {}),
        timezone: (city && zoneFrom(city)) ?? (place && countryZone(place.country)) ?? ctx.user.timezone,
        engagementTypes: existing?.engagementTypes ?? ['remote_consulting'],
        availability: existing?.availability ?? 'available',
      }, ctx.locale);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? '')}: ${describeIssue(i, ctx.locale)}`);
        return textReply([ctx.t('bot.profile_invalid'), ...problems, ctx.t('bot.profile_retry')], { personal: true });
      }
      const { profile } = await ctx.services.experts.putOwn(ctx.user._id, parsed.data);
      return textReply([ctx.t('bot.profile_saved', { skills: skillNames(profile.skills) }), ctx.t('bot.profile_engagement')], {
        personal: true,
        buttons: engagementButtons(ctx, profile.engagementTypes),
      });
    },
  },
};

function engagementButtons(ctx: BotContext, chosen: readonly EngagementType[]): Button[][] {
  const buttons = ENGAGEMENT_TYPES.map((type) => ({ label: `${chosen.includes(type) ? '✓ ' : ''}${ctx.t(`engagement.${type}`)}`, action: action('eng', type) }));
  return [buttons.slice(0, 3), buttons.slice(3)];
}

/** Toggles one kind of work on the expert's profile (at least one stays). */
export const engagementAction: ActionSpec = {
  name: 'eng',
  private: true,
  inPlace: true,
  async run(ctx, [type]) {
    if (!(ENGAGEMENT_TYPES as readonly string[]).includes(type ?? '')) return textReply(ctx.t('bot.stale_button'));
    const profile = await ctx.services.experts.getOwn(ctx.user._id);
    const toggled = profile.engagementTypes.includes(type as EngagementType)
      ? profile.engagementTypes.filter((t) => t !== type)
      : [...profile.engagementTypes, type as EngagementType];
    const next = toggled.length > 0 ? toggled : profile.engagementTypes;
    await ctx.services.experts.patchOwn(ctx.user._id, { engagementTypes: next });
    return textReply(ctx.t('bot.profile_engagement'), { personal: true, buttons: engagementButtons(ctx, next) });
  },
};

/** /profile: the expert profile as others see it, with a button to change it. */
export const profileCommand: CommandSpec = {
  name: 'profile',
  description: { vi: 'Xem hồ sơ chuyên gia của bạn', en: 'See your expert profile' },
  private: true,
  async run(ctx) {
    const profile = await ctx.services.experts.getOwn(ctx.user._id).catch(() => null);
    const edit = [[{ label: ctx.t(profile ? 'bot.profile_edit' : 'bot.profile_create'), action: action('form', 'expert') }]];
    if (!profile) return textReply(ctx.t('bot.profile_none'), { personal: true, buttons: edit });
    const bio = profile.bio[ctx.locale] ?? profile.bio.vi ?? profile.bio.en;
    return textReply(
      [
        `${[profile.city, countryName(profile.country, ctx.locale)].filter(Boolean).join(', ')} · ${zoneLabel(profile.timezone)}`,
        ctx.t('bot.profile_skills', { skills: skillNames(profile.skills) }),
        ctx.t('bot.profile_languages', { languages: profile.languages.map((code) => languageName(code, ctx.locale)).join(', ') }),
        ctx.t('bot.profile_kinds', { kinds: profile.engagementTypes.map((t) => ctx.t(`engagement.${t}`)).join(', ') }),
        ...(bio ? [bio] : []),
      ],
      { title: profile.headline, personal: true, buttons: edit },
    );
  },
};

/** /settings: channel order and digest day, changed with buttons. */
export const settingsCommand: CommandSpec = {
  name: 'settings',
  description: { vi: 'Kênh nhận thông báo, giờ yên lặng, ngày nhận bản tin', en: 'Notice channels, quiet hours, digest day' },
  private: true,
  async run(ctx) {
    return settingsReply(ctx, ctx.user.notifications);
  },
};

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', discord: 'Discord' };

/** "Telegram, then Discord" / "Telegram rồi đến Discord": the order notices try the channels in. */
function channelOrder(ctx: BotContext, channels: readonly string[]): string {
  const names = channels.map((c) => CHANNEL_NAMES[c] ?? c);
  const [first, second] = names;
  if (!first) return '—';
  return second ? ctx.t('bot.channel_order', { first, second }) : first;
}

function settingsReply(ctx: BotContext, prefs: BotContext['user']['notifications']): Reply {
  const quiet = prefs.quietHours ? `${prefs.quietHours.start}–${prefs.quietHours.end}` : ctx.t('bot.settings_quiet_off');
  return textReply(
    [
      ctx.t('bot.settings_channels', { channels: channelOrder(ctx, prefs.channels) }),
      ctx.t('bot.settings_quiet', { quiet }),
      ctx.t('bot.settings_digest', { day: ctx.t(`bot.day.${prefs.digestDay}`) }),
      ctx.t('bot.settings_quiet_how'),
    ],
    {
      title: ctx.t('bot.settings_title'),
      personal: true,
      buttons: [
        [
          { label: ctx.t('bot.settings_telegram_first'), action: action('chan', 'telegram') },
          { label: ctx.t('bot.settings_discord_first'), action: action('chan', 'discord') },
        ],
      ],
      select: { placeholder: ctx.t('bot.settings_digest_pick'), action: 'digest', options: DIGEST_DAYS.map((d) => ({ label: ctx.t(`bot.day.${d}`), value: d })) },
    },
  );
}

export const channelAction: ActionSpec = {
  name: 'chan',
  private: true,
  inPlace: true,
  async run(ctx, [first]) {
    if (first !== 'telegram' && first !== 'discord') return textReply(ctx.t('bot.stale_button'));
    const user = await ctx.services.users.updateMe(ctx.user._id, { notifications: { channels: first === 'telegram' ? ['telegram', 'discord'] : ['discord', 'telegram'] } });
    return settingsReply(ctx, user.notifications);
  },
};

export const digestAction: ActionSpec = {
  name: 'digest',
  private: true,
  inPlace: true,
  async run(ctx, [day]) {
    if (!(DIGEST_DAYS as readonly string[]).includes(day ?? '')) return textReply(ctx.t('bot.stale_button'));
    const user = await ctx.services.users.updateMe(ctx.user._id, { notifications: { digestDay: day as DigestDay } });
    return settingsReply(ctx, user.notifications);
  },
};

/** /quiet 22:00-07:00, or /quiet off. */
export const quietCommand: CommandSpec = {
  name: 'quiet',
  description: { vi: 'Giờ yên lặng, ví dụ 22:00-07:00 hoặc off', en: 'Quiet hours, e.g. 22:00-07:00 or off' },
  argument: { name: 'hours', label: { vi: 'giờ, ví dụ 22:00-07:00', en: 'hours, e.g. 22:00-07:00' }, description: { vi: '22:00-07:00 hoặc off', en: '22:00-07:00 or off' }, required: true, maxLength: 20 },
  async run(ctx, argument) {
    const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(argument.trim());
    const quietHours = argument.trim().toLowerCase() === 'off' ? null : match ? { start: match[1]?.padStart(5, '0') ?? '', end: match[2]?.padStart(5, '0') ?? '' } : undefined;
    const parsed = quietHours === undefined ? null : updateMeSchema.safeParse({ notifications: { quietHours } });
    if (!parsed?.success) return textReply(ctx.t('bot.quiet_usage'));
    const user = await ctx.services.users.updateMe(ctx.user._id, parsed.data);
    return settingsReply(ctx, user.notifications);
  },
};

const optionalField = (name: string, vi: string, en: string, maxLength: number) => ({
  name,
  label: { vi, en },
  prompt: { vi: `${vi}? (gõ - để bỏ qua)`, en: `${en}? (send - to skip)` },
  style: 'short' as const,
  minLength: 0,
  maxLength,
});

/** /contact: how the other side reaches you once an introduction is accepted (never shown before). */
export const contactCommand: CommandSpec = {
  name: 'contact',
  description: { vi: 'Thông tin liên hệ (chỉ hiện sau khi hai bên đồng ý)', en: 'Contact details (shown only after both sides agree)' },
  private: true,
  form: {
    title: { vi: 'Thông tin liên hệ', en: 'Contact details' },
    fields: [
      optionalField('email', 'Email', 'Email', 254),
      optionalField('phone', 'Điện thoại', 'Phone', 24),
      optionalField('linkedin', 'LinkedIn (URL)', 'LinkedIn (URL)', 300),
      optionalField('website', 'Trang web (URL)', 'Website (URL)', 300),
    ],
    async submit(ctx, values) {
      const contact = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== '-'));
      const parsed = safeParseIn(updateMeSchema, { contact: { ...ctx.user.contact, ...contact } }, ctx.locale);
      if (!parsed.success) {
        return textReply([ctx.t('bot.contact_invalid'), ...parsed.error.issues.map((i) => `${String(i.path.at(-1) ?? '')}: ${describeIssue(i, ctx.locale)}`)], { personal: true });
      }
      await ctx.services.users.updateMe(ctx.user._id, parsed.data);
      return textReply(ctx.t('bot.contact_saved'), { personal: true });
    },
  },
};
