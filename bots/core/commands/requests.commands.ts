import { Types } from 'mongoose';
import type { CollaborationRequest } from '../../../src/domain/requests/request.model.js';
import { requestListQuery } from '../../../src/domain/requests/request.schemas.js';
import type { Introduction } from '../../../src/domain/introductions/introduction.model.js';
import type { BotContext } from '../bot-context.js';
import type { ActionSpec, CommandSpec } from '../command.js';
import { action, textReply, type Button, type Reply } from '../reply.js';
import { excerpt, inLocale } from './bilingual.js';
import { skillNames } from '../../../src/domain/experts/skill-names.js';

const PAGE = 5;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** An ObjectId from button data; a tampered button gets the stale-button answer. */
export function idParam(ctx: BotContext, value: string | undefined): Types.ObjectId | Reply {
  return value && OBJECT_ID.test(value) ? new Types.ObjectId(value) : textReply(ctx.t('bot.stale_button'));
}

async function firmNames(ctx: BotContext, requests: readonly CollaborationRequest[]): Promise<Map<string, string>> {
  const names = await ctx.services.firms.namesOf([...new Set(requests.map((r) => r.firmId))]);
  return new Map([...names].map(([id, f]) => [id, f.name]));
}

function numberedButtons(ids: readonly Types.ObjectId[], name: string): Button[][] {
  return [ids.map((id, i) => ({ label: String(i + 1), action: action(name, String(id)) }))];
}

/** /requests [words]: the newest open requests, or those matching the words. */
export const requestsCommand: CommandSpec = {
  name: 'requests',
  description: { vi: 'Xem yêu cầu hợp tác đang mở', en: 'Browse open collaboration requests' },
  argument: { name: 'words', label: { vi: 'từ khóa', en: 'words' }, description: { vi: 'Từ khóa, ví dụ kubernetes', en: 'Words to look for, e.g. kubernetes' }, required: false, maxLength: 200, suggest: 'skills' },
  async run(ctx, words) {
    const page = await ctx.services.requests.list(ctx.actor, requestListQuery.parse({ ...(words ? { q: words } : {}), limit: PAGE }));
    if (page.items.length === 0) return textReply(ctx.t(words ? 'bot.requests_none_for' : 'bot.requests_none', { words }));
    const firms = await firmNames(ctx, page.items);
    const lines = page.items.map(
      (r, i) => `${i + 1}. ${inLocale(r.title, ctx.locale)} — ${firms.get(String(r.firmId)) ?? '?'} (${[...r.skillsMust, ...r.skillsNice].join(', ')})`,
    );
    return textReply([...lines, ctx.t('bot.requests_pick')], {
      title: ctx.t(words ? 'bot.requests_title_for' : 'bot.requests_title', { words }),
      buttons: numberedButtons(page.items.map((r) => r._id), 'req'),
    });
  },
};

/** /matches: the open requests that fit the expert best, with why. */
export const matchesCommand: CommandSpec = {
  name: 'matches',
  description: { vi: 'Yêu cầu phù hợp với hồ sơ chuyên gia của bạn', en: 'Requests that fit your expert profile' },
  private: true,
  async run(ctx) {
    const matches = await ctx.services.matching.requestsForExpert(ctx.actor, PAGE, ctx.locale);
    if (matches.length === 0) return textReply(ctx.t('bot.matches_none'));
    const lines = matches.map((m, i) => `${i + 1}. ${inLocale(m.item.title, ctx.locale)} — ${m.result.score}/100: ${m.reasons}`);
    return textReply(lines, { title: ctx.t('bot.matches_title'), buttons: numberedButtons(matches.map((m) => m.item._id), 'req'), personal: true });
  },
};

/** A request's details, with "I'm interested". */
export const showRequestAction: ActionSpec = {
  name: 'req',
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    const request = await ctx.services.requests.get(ctx.actor, id);
    const firm = (await firmNames(ctx, [request])).get(String(request.firmId)) ?? '?';
    const lines = [
      `${firm} · ${ctx.t(`engagement.${request.engagementType}`)} · ${ctx.t(`bot.work_mode.${request.workMode}`)}${request.city ? ` · ${request.city}` : ''}`,
      excerpt(inLocale(request.body, ctx.locale), 1500),
      ctx.t('bot.request_skills', { must: skillNames(request.skillsMust) || '—', nice: skillNames(request.skillsNice) || '—' }),
      ...(request.deadline ? [ctx.t('bot.request_deadline', { date: request.deadline.toISOString().slice(0, 10) })] : []),
    ];
    const buttons = request.status === 'open' ? [[{ label: ctx.t('bot.interested'), action: action('interest', String(id)) }]] : [];
    return textReply(lines, { title: inLocale(request.title, ctx.locale), buttons });
  },
};

/** "I'm interested": asks the firm for an introduction. */
export const interestAction: ActionSpec = {
  name: 'interest',
  private: true,
  async run(ctx, [raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId)) return id;
    await ctx.services.introductions.expressInterest(ctx.actor, id);
    return textReply(ctx.t('bot.interest_sent'), { personal: true });
  },
};

/** /intros: the person's introductions, with answer buttons where it is their turn. */
export const introsCommand: CommandSpec = {
  name: 'intros',
  description: { vi: 'Các kết nối của bạn và trạng thái', en: 'Your introductions and their state' },
  private: true,
  async run(ctx) {
    const intros = (await ctx.services.introductions.listMine(ctx.actor, {}, { limit: 10 })).items;
    if (intros.length === 0) return textReply(ctx.t('bot.intros_none'), { personal: true });
    const requests = new Map<string, CollaborationRequest>();
    for (const intro of intros) {
      const request = await ctx.services.requests.get(ctx.actor, intro.requestId).catch(() => null);
      if (request) requests.set(String(intro.requestId), request);
    }
    const lines: string[] = [];
    const buttons: Button[][] = [];
    for (const [i, intro] of intros.entries()) {
      const request = requests.get(String(intro.requestId));
      lines.push(`${i + 1}. ${request ? inLocale(request.title, ctx.locale) : '—'}: ${ctx.t(`bot.intro_status.${intro.status}`)}`);
      if (await myTurn(ctx, intro)) {
        buttons.push([
          { label: `${i + 1}. ${ctx.t('bot.accept')}`, action: action('intro', 'accept', String(intro._id)) },
          { label: `${i + 1}. ${ctx.t('bot.decline')}`, action: action('intro', 'decline', String(intro._id)) },
        ]);
      }
      if (intro.status === 'accepted') lines.push(...(await contactLines(ctx, intro)));
    }
    return textReply(lines, { title: ctx.t('bot.intros_title'), buttons, personal: true });
  },
};

/** Accept or decline an introduction; an acceptance shows both sides' contacts at once. */
export const answerIntroAction: ActionSpec = {
  name: 'intro',
  private: true,
  async run(ctx, [answer, raw]) {
    const id = idParam(ctx, raw);
    if (!(id instanceof Types.ObjectId) || (answer !== 'accept' && answer !== 'decline')) return textReply(ctx.t('bot.stale_button'));
    const intro = await ctx.services.introductions.respond(ctx.actor, id, answer);
    if (intro.status !== 'accepted') return textReply(ctx.t('bot.intro_declined'), { personal: true });
    return textReply([ctx.t('bot.intro_accepted'), ...(await contactLines(ctx, intro))], { personal: true });
  },
};

async function myTurn(ctx: BotContext, intro: Introduction): Promise<boolean> {
  if (intro.status !== 'requested') return false;
  const side = await ctx.services.introductions.sideOf(ctx.actor, intro);
  return (intro.initiator === 'expert' && side === 'firm') || (intro.initiator === 'firm' && side === 'expert');
}

async function contactLines(ctx: BotContext, intro: Introduction): Promise<string[]> {
  const contacts = await ctx.services.introductions.contacts(intro);
  if (!contacts) return [];
  const describe = (c: object) =>
    Object.entries(c)
      .filter(([key, value]) => key !== 'displayName' && key !== 'person' && key !== 'name' && typeof value === 'string')
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(', ');
  return [
    `   ${ctx.t('bot.contact_expert')}: ${contacts.expert.displayName} — ${describe(contacts.expert) || '—'}`,
    `   ${ctx.t('bot.contact_firm')}: ${contacts.firm.name} — ${contacts.firm.person.displayName}, ${describe(contacts.firm.person) || '—'}${contacts.firm.website ? `, ${contacts.firm.website}` : ''}`,
  ];
}
