import { createThreadInput, threadListQuery } from '../../../src/domain/forum/forum.schemas.js';
import { subscriptionInput, unsubscribeQuery } from '../../../src/domain/subscriptions/subscription.schemas.js';
import type { ActionSpec, CommandSpec } from '../command.js';
import { action, textReply } from '../reply.js';
import { inLocale } from './bilingual.js';
import { topicOf, topicWords } from './subscription-topics.js';

/** /search words: forum threads, diacritics optional ("da nang" finds "Đà Nẵng"). */
export const searchCommand: CommandSpec = {
  name: 'search',
  description: { vi: 'Tìm trong diễn đàn (gõ không dấu cũng được)', en: 'Search the forum (diacritics optional)' },
  argument: { name: 'words', label: { vi: 'từ khóa', en: 'words' }, description: { vi: 'Từ cần tìm', en: 'Words to find' }, required: true, maxLength: 200 },
  async run(ctx, words) {
    const page = await ctx.services.forum.threads.list(ctx.actor, threadListQuery.parse({ q: words, limit: 5 }));
    if (page.items.length === 0) return textReply(ctx.t('bot.search_none', { words }));
    return textReply(
      page.items.map((t, i) => `${i + 1}. ${t.title} (${ctx.t(t.replyCount === 1 ? 'bot.replies.one' : 'bot.replies.other', { count: t.replyCount })})`),
      { title: ctx.t('bot.search_title', { words }) },
    );
  },
};

/** /ask: a question for the forum — title and text (a modal on Discord), then a category button. */
export const askCommand: CommandSpec = {
  name: 'ask',
  description: { vi: 'Đặt câu hỏi trên diễn đàn', en: 'Ask the forum a question' },
  private: true,
  form: {
    title: { vi: 'Câu hỏi mới', en: 'A new question' },
    fields: [
      { name: 'title', label: { vi: 'Tiêu đề', en: 'Title' }, prompt: { vi: 'Tiêu đề câu hỏi của bạn là gì?', en: 'What is the title of your question?' }, style: 'short', minLength: 3, maxLength: 200 },
      { name: 'body', label: { vi: 'Nội dung', en: 'Your question' }, prompt: { vi: 'Giờ hãy viết nội dung câu hỏi.', en: 'Now write your question.' }, style: 'paragraph', minLength: 1, maxLength: 4000 },
    ],
    async submit(ctx, values) {
      await ctx.flows.set(ctx.flowKey, { flow: 'ask', step: 'category', data: { title: values.title ?? '', body: values.body ?? '' } });
      const categories = await ctx.services.forum.categories.list();
      return textReply(ctx.t('bot.ask_category'), {
        buttons: categories.slice(0, 12).map((c) => [{ label: inLocale(c.name, ctx.locale), action: action('askcat', String(c._id)) }]),
      });
    },
  },
};

/** The category button that ends /ask: the thread is posted. */
export const askCategoryAction: ActionSpec = {
  name: 'askcat',
  private: true,
  async run(ctx, [categoryId]) {
    const state = await ctx.flows.get(ctx.flowKey);
    if (state?.flow !== 'ask' || state.step !== 'category' || !state.data.title || !state.data.body) return textReply(ctx.t('bot.stale_button'));
    const input = createThreadInput.safeParse({ categoryId, title: state.data.title, body: state.data.body, locale: ctx.locale });
    if (!input.success) return textReply(ctx.t('bot.stale_button'));
    const thread = await ctx.services.forum.threads.create(ctx.actor, input.data);
    await ctx.flows.clear(ctx.flowKey);
    return textReply(ctx.t('bot.ask_posted', { title: thread.title }));
  },
};

/** /subscribe kind value — skills, tags, categories (by id) or event kinds. */
export const subscribeCommand: CommandSpec = {
  name: 'subscribe',
  description: { vi: 'Theo dõi kỹ năng, thẻ, chuyên mục hoặc loại sự kiện', en: 'Follow a skill, tag, category or event kind' },
  argument: { name: 'topic', label: { vi: 'chủ đề', en: 'topic' }, description: { vi: 'ví dụ: kỹ năng kubernetes', en: 'e.g. skill kubernetes' }, required: true, maxLength: 80, suggest: 'subscriptions' },
  async run(ctx, argument) {
    const parsed = subscriptionInput.safeParse(topicOf(argument));
    if (!parsed.success) return textReply(ctx.t('bot.subscribe_usage'));
    const { subscription } = await ctx.services.subscriptions.subscribe(ctx.actor, parsed.data);
    return textReply(ctx.t('bot.subscribed', topicWords(ctx, subscription.kind, subscription.value)));
  },
};

export const unsubscribeCommand: CommandSpec = {
  name: 'unsubscribe',
  description: { vi: 'Bỏ theo dõi', en: 'Stop following something' },
  argument: { name: 'topic', label: { vi: 'chủ đề', en: 'topic' }, description: { vi: 'ví dụ: kỹ năng kubernetes', en: 'e.g. skill kubernetes' }, required: true, maxLength: 80, suggest: 'subscriptions' },
  async run(ctx, argument) {
    const parsed = unsubscribeQuery.safeParse(topicOf(argument));
    if (!parsed.success) return textReply(ctx.t('bot.subscribe_usage'));
    await ctx.services.subscriptions.unsubscribe(ctx.user._id, parsed.data);
    return textReply(ctx.t('bot.unsubscribed', topicWords(ctx, parsed.data.kind, parsed.data.value)));
  },
};
