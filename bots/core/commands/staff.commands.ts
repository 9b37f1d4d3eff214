import { Types } from 'mongoose';
import { createBroadcastInput, segmentInput } from '../../../src/domain/broadcasts/broadcast.schemas.js';
import { createRequestInput } from '../../../src/domain/requests/request.schemas.js';
import type { ActionSpec, CommandSpec } from '../command.js';
import { action, textReply, type Reply } from '../reply.js';
import { commaList, excerpt } from './bilingual.js';
import { idParam } from './requests.commands.js';
import { describeIssue, safeParseIn } from '../../../src/i18n/zod-messages.js';
import { skillNames } from '../../../src/domain/experts/skill-names.js';

/** /newrequest: a firm's member drafts a collaboration request (a modal on Discord), then publishes it. */
export const newRequestCommand: CommandSpec = {
  name: 'newrequest',
  description: { vi: 'Doanh nghiệp đăng yêu cầu hợp tác', en: 'Post a collaboration request for your firm' },
  private: true,
  async run(ctx) {
    const firms = await ctx.services.firms.listMine(ctx.user._id);
    if (firms.length === 0) return textReply(ctx.t('bot.newrequest_no_firm'), { personal: true });
    return textReply(ctx.t('bot.newrequest_pick_firm'), {
      personal: true,
      buttons: firms.slice(0, 10).map((f) => [{ label: f.name, action: action('form', 'requestform', String(f._id)) }]),
    });
  },
};

/** The request form itself, opened from a firm button (its id is the form's parameter). */
export const requestFormCommand: CommandSpec = {
  name: 'requestform',
  description: { vi: 'Mẫu yêu cầu hợp tác (mở từ /newrequest)', en: 'The request form (opened from /newrequest)' },
  private: true,
  hidden: true,
  form: {
    title: { vi: 'Yêu cầu hợp tác', en: 'Collaboration request' },
    fields: [
      { name: 'title', label: { vi: 'Tiêu đề', en: 'Title' }, prompt: { vi: 'Tiêu đề yêu cầu?', en: 'The request’s title?' }, style: 'short', minLength: 5, maxLength: 160 },
      { name: 'body', label: { vi: 'Mô tả công việc', en: 'What the work is' }, prompt: { vi: 'Mô tả công việc cần chuyên gia.', en: 'Describe the work you need an expert for.' }, style: 'paragraph', minLength: 10, maxLength: 4000 },
      { name: 'must', label: { vi: 'Kỹ năng bắt buộc', en: 'Must-have skills' }, prompt: { vi: 'Kỹ năng bắt buộc, cách nhau bởi dấu phẩy?', en: 'Must-have skills, comma-separated?' }, style: 'short', minLength: 1, maxLength: 300 },
      { name: 'nice', label: { vi: 'Kỹ năng nên có (hoặc -)', en: 'Nice-to-have skills (or -)' }, prompt: { vi: 'Kỹ năng nên có? (gõ - để bỏ qua)', en: 'Nice-to-have skills? (send - to skip)' }, style: 'short', minLength: 0, maxLength: 300 },
    ],
    async submit(ctx, values, firmId) {
      const firm = idParam(ctx, firmId);
      if (!(firm instanceof Types.ObjectId)) return firm;
      const parsed = safeParseIn(createRequestInput, {
        title: { [ctx.locale]: values.title },
        body: { [ctx.locale]: values.body },
        skillsMust: commaList(values.must),
        skillsNice: values.nice === '-' ? [] : commaList(values.nice),
        engagementType: 'remote_consulting',
        workMode: 'remote',
      }, ctx.locale);
      if (!parsed.success) {
        return textReply([ctx.t('bot.contact_invalid'), ...parsed.error.issues.map((i) => `${i.path.join('.')}: ${describeIssue(i, ctx.locale)}`)], { personal: true });
      }
      const draft = await ctx.services.requests.create(ctx.actor, firm, parsed.data);
      return textReply(ctx.t('bot.newrequest_drafted', { skills: skillNames(draft.skillsMust) }), {
        personal: true,
        buttons: [[{ label: ctx.t('bot.publish'), action: action('publish', String(draft._id)) }]],
      });
    },
  },
};

/** Publishes a draft request: matched experts are told by the notice pipeline. */
export const publishRequestAction: ActionSpec = {
  name: 'publish',
  private: true,
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    await ctx.services.requests.transition(ctx.actor, id, 'publish');
    return textReply(ctx.t('bot.newrequest_published'), { personal: true });
  },
};

/** /announce: organisers pick an audience, write the text, see how many it reaches, confirm. */
export const announceCommand: CommandSpec = {
  name: 'announce',
  description: { vi: 'Ban tổ chức gửi thông báo', en: 'Organisers: send an announcement' },
  forRoles: ['organiser'],
  private: true,
  async run(ctx) {
    const audiences = ctx.services.broadcasts.audiencesFor(ctx.actor);
    return textReply(ctx.t('bot.announce_pick'), {
      personal: true,
      buttons: [audiences.map((a) => ({ label: ctx.t(`bot.audience.${a}`), action: action('form', 'announceform', a) }))],
    });
  },
};

export const announceFormCommand: CommandSpec = {
  name: 'announceform',
  description: { vi: 'Mẫu thông báo (mở từ /announce)', en: 'The announcement form (opened from /announce)' },
  private: true,
  hidden: true,
  form: {
    title: { vi: 'Thông báo', en: 'Announcement' },
    fields: [
      { name: 'vi', label: { vi: 'Nội dung tiếng Việt (hoặc -)', en: 'Vietnamese text (or -)' }, prompt: { vi: 'Nội dung tiếng Việt? (gõ - nếu không có)', en: 'The Vietnamese text? (send - for none)' }, style: 'paragraph', minLength: 0, maxLength: 4000 },
      { name: 'en', label: { vi: 'Nội dung tiếng Anh (hoặc -)', en: 'English text (or -)' }, prompt: { vi: 'Nội dung tiếng Anh? (gõ - nếu không có)', en: 'The English text? (send - for none)' }, style: 'paragraph', minLength: 0, maxLength: 4000 },
    ],
    async submit(ctx, values, audience) {
      const text = Object.fromEntries(Object.entries(values).filter(([, v]) => v && v !== '-'));
      const parsed = createBroadcastInput.safeParse({ segment: { audience }, text });
      if (!parsed.success) return textReply(ctx.t('bot.announce_empty'), { personal: true });
      const reach = await ctx.services.broadcasts.preview(ctx.actor, segmentInput.parse({ audience }));
      await ctx.flows.set(ctx.flowKey, { flow: 'announce', step: 'confirm', data: { audience, ...text } });
      return textReply(ctx.t('bot.announce_preview', { recipients: ctx.t(reach.recipients === 1 ? 'bot.people.one' : 'bot.people.other', { count: reach.recipients }), telegram: reach.telegram, discord: reach.discord, unreachable: reach.unreachable }), {
        personal: true,
        buttons: [[{ label: ctx.t('bot.announce_send'), action: action('announce') }]],
      });
    },
  },
};

/** The confirmation: the broadcast goes out now; progress is one button away. */
export const sendAnnouncementAction: ActionSpec = {
  name: 'announce',
  private: true,
  async run(ctx) {
    const state = await ctx.flows.get(ctx.flowKey);
    if (state?.flow !== 'announce') return textReply(ctx.t('bot.stale_button'));
    const { audience, ...text } = state.data;
    const broadcast = await ctx.services.broadcasts.create(ctx.actor, createBroadcastInput.parse({ segment: { audience }, text }));
    await ctx.flows.clear(ctx.flowKey);
    return textReply(ctx.t('bot.announce_sent'), { personal: true, buttons: [[{ label: ctx.t('bot.announce_progress'), action: action('progress', String(broadcast._id)) }]] });
  },
};

export const progressAction: ActionSpec = {
  name: 'progress',
  inPlace: true,
  private: true,
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    const progress = await ctx.services.broadcasts.progress(ctx.actor, id);
    const lines = (['telegram', 'discord'] as const).map((c) =>
      ctx.t('bot.progress_line', { channel: c, sent: progress[c].sent, pending: progress[c].pending, failed: progress[c].failed + progress[c].dead }),
    );
    return textReply(lines, { personal: true, buttons: [[{ label: ctx.t('bot.refresh'), action: action('progress', String(id)) }]] });
  },
};

/** /flagged: the moderators' queue, each item with Hide and Keep. */
export const flaggedCommand: CommandSpec = {
  name: 'flagged',
  description: { vi: 'Điều hành viên: nội dung bị báo cáo', en: 'Moderators: flagged content' },
  forRoles: ['moderator'],
  private: true,
  async run(ctx) {
    const page = await ctx.services.moderation.flags.queue(ctx.actor, { status: 'open', limit: 5 });
    if (page.items.length === 0) return textReply(ctx.t('bot.flagged_none'), { personal: true });
    const lines: Reply['lines'] = [];
    for (const [i, c] of page.items.entries()) {
      const reasons = Object.entries(c.reasons).map(([r, n]) => `${r}×${String(n)}`).join(', ');
      const what = c.content ? `${c.content.title ?? excerpt(c.content.body, 80)} — ${c.content.authorName ?? '?'}` : '—';
      lines.push(`${i + 1}. ${what} [${reasons}]${c.autoHidden ? ` · ${ctx.t('bot.flagged_auto_hidden')}` : ''}`);
    }
    return textReply(lines, {
      title: ctx.t('bot.flagged_title'),
      personal: true,
      buttons: page.items.map((c, i) => [
        { label: `${i + 1}. ${ctx.t('bot.hide')}`, action: action('mod', 'hide', String(c._id)) },
        { label: `${i + 1}. ${ctx.t('bot.keep')}`, action: action('mod', 'keep', String(c._id)) },
      ]),
    });
  },
};

export const moderateAction: ActionSpec = {
  name: 'mod',
  private: true,
  async run(ctx, [decision, raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId) || (decision !== 'hide' && decision !== 'keep')) return textReply(ctx.t('bot.stale_button'));
    await ctx.services.moderation.flags.resolve(ctx.actor, id, { decision });
    return textReply(ctx.t(decision === 'hide' ? 'bot.flagged_hidden' : 'bot.flagged_kept'), { personal: true });
  },
};
