export { FakeTelegram, type FakeTelegramOptions, type TelegramCall } from './fake-telegram.js';
export { TELEGRAM_LIMITS, type TelegramLimits } from './telegram-limits.js';
export type { CallbackQueryRecord, SentMessage, WebhookState } from './telegram-state.js';
export type { FakeTelegramUser } from './telegram-updates.js';
