import { AppError } from '../../src/domain/app-error.js';
import type { DomainServices } from '../../src/domain/domain-services.js';
import { banStatusOf } from '../../src/domain/users/ban-state.js';
import type { Provider } from '../../src/domain/users/identity.model.js';
import type { Locale, MessageKey } from '../../src/i18n/messages.js';
import { isMessageKey, translate } from '../../src/i18n/translate.js';
import type { Logger } from '../../src/log.js';
import type { BotContext, BotLinks, BotPlace, Platform } from './bot-context.js';
import type { ActionSpec, CommandSpec, FlowSpec, FormField } from './command.js';
import type { FlowStore } from './flow-store.js';
import { argumentLabel, helpReply } from './help.js';
import { textReply, type Reply } from './reply.js';

/** The platform account an update came from. */
export interface BotIdentity {
  externalId: string;
  displayName: string;
  handle?: string | undefined;
  /** The language the platform reports for the person (Telegram language_code, Discord locale). */
  languageCode?: string | undefined;
}

/** What happened, as the core sees it. */
export type BotEvent =
  | { type: 'command'; name: string; argument: string }
  | { type: 'action'; data: string }
  | { type: 'form'; command: string; values: Record<string, string>; param?: string }
  | { type: 'text'; text: string };

export interface BotInput {
  platform: Platform;
  chat: 'private' | 'group';
  from: BotIdentity;
  event: BotEvent;
  /** The group or server channel it happened in, and whether the person manages it. */
  place?: BotPlace | undefined;
}

const FORM_FLOW = 'form';
// A Discord modal's answers kept after some were wrong, to fill the modal in again.
const FORM_DRAFT = 'form-draft';
// Kept beside the answers in the flow store; no field may be called this.
const FORM_COMMAND = '__command';
const FORM_PARAM = '__param';

/** The longest text the core reads from anyone; platforms cap messages at 4,096 (Telegram) and 4,000 (Discord). */
export const MAX_INPUT_CHARS = 4096;

export interface BotCoreDependencies {
  services: DomainServices;
  flows: FlowStore;
  logger: Logger;
  commands: readonly CommandSpec[];
  actions: readonly ActionSpec[];
  flowSpecs: readonly FlowSpec[];
}

/**
 * Turns an update from either platform into a Reply: finds the person (creating them on first
 * contact), refuses banned people politely, keeps personal answers out of groups, runs the
 * command, button or conversation step, and turns every domain error into a sentence in the
 * person's language. It never throws: a bug becomes an apology and a log line.
 */
export class BotCore {
  private readonly commands: Map<string, CommandSpec>;
  private readonly actions: Map<string, ActionSpec>;
  private readonly flowSpecs: Map<string, FlowSpec>;

  constructor(private readonly deps: BotCoreDependencies) {
    this.commands = new Map(deps.commands.map((c) => [c.name, c]));
    this.actions = new Map(deps.actions.map((a) => [a.name, a]));
    this.flowSpecs = new Map(deps.flowSpecs.map((f) => [f.name, f]));
  }

  /** The commands people can type, in order (adapters register them with the platform). */
  get commandList(): readonly CommandSpec[] {
    return this.deps.commands.filter((c) => !c.hidden);
  }

  /** True when pressing this button changes the screen it is on (Discord acknowledges it as an update). */
  updatesInPlace(actionData: string): boolean {
    return this.actions.get(actionData.split(':')[0] ?? '')?.inPlace === true;
  }

  /** The command of this name, if there is one. */
  command(name: string): CommandSpec | undefined {
    return this.commands.get(name.toLowerCase());
  }

  /** Completions for an argument as typed so far (Discord autocomplete), at most 25. */
  async suggest(kind: 'skills' | 'subscriptions', typed: string): Promise<string[]> {
    const words = typed.trim().toLowerCase().slice(0, 60);
    if (kind === 'skills') return (await this.deps.services.experts.suggestSkills(words)).slice(0, 25);
    const [first = '', ...rest] = words.split(/\s+/);
    const skills = await this.deps.services.experts.suggestSkills(rest.join(' ') || (first === 'skill' ? '' : first));
    return skills.slice(0, 25).map((s) => `skill ${s}`);
  }

  /** The answer to one update, or null when the bot should stay quiet (chatter in a group). */
  async handle(input: BotInput, links: BotLinks): Promise<Reply | null> {
    const guessed: Locale = input.from.languageCode?.toLowerCase().startsWith('vi') ? 'vi' : 'en';
    let locale = guessed;
    try {
      if (input.chat === 'group' && input.event.type === 'text') return null;
      const user = await this.deps.services.users.findOrCreateByIdentity(input.platform as Provider, input.from.externalId, {
        displayName: input.from.displayName.slice(0, 80) || input.from.externalId,
        ...(input.from.handle ? { handle: input.from.handle.slice(0, 80) } : {}),
        locale: guessed,
      });
      locale = user.locale;
      // The user just read carries the ban: no second query per update.
      const ban = banStatusOf(user, new Date());
      const t = (key: MessageKey, params: Record<string, unknown> = {}) => translate(locale, key, params);
      if (ban.banned) {
        return textReply(ban.until ? t('bot.banned_until', { until: ban.until.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' }) : t('bot.banned'));
      }
      const ctx: BotContext = {
        platform: input.platform,
        chat: input.chat,
        user,
        actor: { userId: user._id, roles: user.roles, locale },
        locale,
        t,
        services: this.deps.services,
        flows: this.deps.flows,
        flowKey: `${input.platform}:${input.from.externalId}`,
        place: input.place,
        commands: this.commandList,
        links,
      };
      return await this.dispatch(ctx, input);
    } catch (error) {
      return this.apologise(error, locale, input);
    }
  }

  private async dispatch(ctx: BotContext, input: BotInput): Promise<Reply | null> {
    const { event } = input;
    if (event.type === 'command') {
      const command = this.commands.get(event.name.toLowerCase());
      if (!command || command.hidden) return helpReply(ctx, this.commandList, ctx.t('bot.unknown_command', { name: event.name.slice(0, 32) }));
      // A new command ends any conversation in progress, as people expect from chat bots.
      await this.deps.flows.clear(ctx.flowKey);
      if (command.private && ctx.chat === 'group') return this.privateOnly(ctx);
      if (command.form) return this.askField(ctx, command.name, 0, {}, '');
      const argument = event.argument.trim();
      if (command.argument && argument.length > command.argument.maxLength) {
        return textReply(ctx.t('bot.argument_too_long', { max: command.argument.maxLength }));
      }
      if (command.argument?.required && !argument) {
        return textReply(ctx.t('bot.argument_missing', { name: command.name, argument: `<${argumentLabel(command, ctx.locale)}>` }));
      }
      return command.run ? command.run(ctx, argument) : textReply(ctx.t('bot.stale_button'));
    }
    if (event.type === 'action') {
      const [name = '', ...params] = event.data.split(':');
      // A "form:<command>" button starts that command's form (Discord opens its modal instead).
      if (name === FORM_FLOW) {
        const command = this.commands.get(params[0] ?? '');
        if (!command?.form) return textReply(ctx.t('bot.stale_button'));
        if (command.private && ctx.chat === 'group') return this.privateOnly(ctx);
        return this.askField(ctx, command.name, 0, {}, params[1] ?? '');
      }
      const spec = this.actions.get(name);
      if (!spec) return textReply(ctx.t('bot.stale_button'));
      if (spec.private && ctx.chat === 'group') return this.privateOnly(ctx);
      const reply = await spec.run(ctx, params);
      return spec.inPlace ? { ...reply, replacesOriginal: true } : reply;
    }
    if (event.type === 'form') return this.submitForm(ctx, event.command, event.values, event.param ?? '');
    const text = event.text.trim();
    if (text.length > MAX_INPUT_CHARS) return textReply(ctx.t('bot.argument_too_long', { max: MAX_INPUT_CHARS }));
    const state = await this.deps.flows.get(ctx.flowKey);
    if (state?.flow === FORM_FLOW) return this.answerField(ctx, state.data, text);
    const flow = state ? this.flowSpecs.get(state.flow) : undefined;
    if (!state || !flow) return textReply(ctx.t('bot.unknown_text'));
    return flow.onText(ctx, text, state);
  }

  /** Telegram's way through a form: one question per field, answers kept in the flow store. */
  private async askField(ctx: BotContext, command: string, index: number, answers: Record<string, string>, param: string): Promise<Reply> {
    const field = this.commands.get(command)?.form?.fields[index];
    if (!field) return textReply(ctx.t('bot.stale_button'));
    await this.deps.flows.set(ctx.flowKey, { flow: FORM_FLOW, step: String(index), data: { ...answers, [FORM_COMMAND]: command, [FORM_PARAM]: param } });
    return textReply(`${field.prompt[ctx.locale]} ${ctx.t('bot.cancel_hint')}`);
  }

  private async answerField(ctx: BotContext, data: Record<string, string>, text: string): Promise<Reply> {
    const { [FORM_COMMAND]: command = '', [FORM_PARAM]: param = '', ...answers } = data;
    const form = this.commands.get(command)?.form;
    const index = Object.keys(answers).length;
    const field = form?.fields[index];
    if (!form || !field) return textReply(ctx.t('bot.stale_button'));
    // A wrong answer is said at once and only this field is asked again; earlier answers stay.
    const problem = this.problemWith(ctx, field, text);
    if (problem) return textReply([problem, `${field.prompt[ctx.locale]} ${ctx.t('bot.cancel_hint')}`]);
    const next = { ...answers, [field.name]: text };
    if (index + 1 < form.fields.length) return this.askField(ctx, command, index + 1, next, param);
    await this.deps.flows.clear(ctx.flowKey);
    return form.submit(ctx, next, param);
  }

  /** What is wrong with one answer (length first, then the field's own check), or null. */
  private problemWith(ctx: BotContext, field: FormField, value: string): string | null {
    if (value.length < field.minLength || value.length > field.maxLength) {
      return ctx.t('bot.field_length', { min: field.minLength, max: field.maxLength });
    }
    return field.check?.(value, ctx) ?? null;
  }

  /**
   * Discord's way: the whole modal at once, checked field by field. When some answers are
   * wrong, all of them are kept as a draft and the modal reopens filled in with them.
   */
  private async submitForm(ctx: BotContext, command: string, values: Record<string, string>, param: string): Promise<Reply> {
    const form = this.commands.get(command)?.form;
    if (!form) return textReply(ctx.t('bot.stale_button'));
    const answers = Object.fromEntries(form.fields.map((field) => [field.name, (values[field.name] ?? '').trim()]));
    const problems = form.fields.flatMap((field) => {
      const problem = this.problemWith(ctx, field, answers[field.name] ?? '');
      return problem ? [`${field.label[ctx.locale]}: ${problem}`] : [];
    });
    if (problems.length > 0) {
      await this.deps.flows.set(ctx.flowKey, { flow: FORM_DRAFT, step: command, data: { ...answers, [FORM_PARAM]: param } });
      return textReply([...problems, ctx.t('bot.form_kept')], {
        personal: true,
        buttons: [[{ label: ctx.t('bot.form_fix'), action: `${FORM_FLOW}:${command}${param ? `:${param}` : ''}` }]],
      });
    }
    await this.deps.flows.clear(ctx.flowKey);
    return form.submit(ctx, answers, param);
  }

  /** The answers a person last gave to a form that had mistakes (Discord fills the modal with them). */
  async formDraft(platform: Platform, externalId: string, command: string): Promise<Record<string, string>> {
    const state = await this.deps.flows.get(`${platform}:${externalId}`);
    if (state?.flow !== FORM_DRAFT || state.step !== command) return {};
    const { [FORM_PARAM]: _param, ...answers } = state.data;
    return answers;
  }

  private privateOnly(ctx: BotContext): Reply {
    const link = ctx.links.startLink?.('help');
    return textReply(ctx.t('bot.private_only'), link ? { buttons: [[{ label: ctx.t('bot.open_private_chat'), url: link }]] } : {});
  }

  private apologise(error: unknown, locale: Locale, input: BotInput): Reply {
    if (error instanceof AppError) {
      const message = isMessageKey(error.code) ? translate(locale, error.code, error.details) : error.message;
      return textReply(message);
    }
    this.deps.logger.error({ err: error, platform: input.platform, event: input.event.type }, 'bot update failed');
    return textReply(translate(locale, 'internal'));
  }
}
