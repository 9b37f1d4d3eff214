/** A person talking to the bot through the fake Telegram: send, press, and read what came back. */
import type { FakeTelegram } from './fake-telegram/index.js';
import type { FakeTelegramUser } from './fake-telegram/telegram-updates.js';
import type { SentMessage } from './fake-telegram/telegram-state.js';

const WAIT_MS = 10_000;

export class TelegramChat {
  constructor(
    private readonly telegram: FakeTelegram,
    readonly user: FakeTelegramUser,
    /** A group the person writes in, instead of their private chat. */
    private readonly groupId?: number,
  ) {}

  private get chatId(): number {
    return this.groupId ?? this.user.id;
  }

  private seen(): number {
    return this.telegram.sentTo(this.chatId).length;
  }

  /** Sends a message (a "/command args" or plain text) and returns the bot's answer messages. */
  async send(text: string): Promise<SentMessage[]> {
    const before = this.seen();
    this.telegram.pushUpdate(this.telegram.textFrom(this.user, text, this.groupId));
    return this.answersAfter(before);
  }

  /**
   * Presses the button with `label` on the bot's latest message (or sends raw callback data).
   * Returns the new answer messages, or the pressed message itself when the bot edited it in
   * place (settings, toggles) instead of answering with a new one.
   */
  async press(labelOrData: string, options: { raw?: boolean } = {}): Promise<SentMessage[]> {
    const before = this.seen();
    // The latest message offering this button: notices may have arrived after it.
    const withMarkup = this.telegram.sentTo(this.chatId).filter((m) => m.replyMarkup);
    const holder = options.raw ? undefined : withMarkup.findLast((m) => m.replyMarkup?.inline_keyboard.flat().some((b) => b.text === labelOrData));
    const last = holder ?? withMarkup.at(-1);
    let data = labelOrData;
    if (!options.raw) {
      const button = last?.replyMarkup?.inline_keyboard.flat().find((b) => b.text === labelOrData);
      if (!button || !('callback_data' in button) || !button.callback_data) {
        throw new Error(`no button "${labelOrData}" on the latest message: ${JSON.stringify(last?.replyMarkup)}`);
      }
      data = button.callback_data;
    }
    const editedBefore = last?.editedAt;
    this.telegram.pushUpdate(this.telegram.callbackFrom(this.user, data, last));
    return this.answersAfter(before, () => (last && last.editedAt !== editedBefore ? last : undefined));
  }

  /**
   * Sends a message and waits for the answer that contains `expected`, skipping notices that
   * arrive in the same chat meanwhile (the workers deliver them independently).
   */
  async sendUntil(text: string, expected: string | RegExp): Promise<SentMessage> {
    const before = this.seen();
    this.telegram.pushUpdate(this.telegram.textFrom(this.user, text, this.groupId));
    return this.waitFor(before, expected);
  }

  /** Presses a button and waits for the answer that contains `expected`. */
  async pressUntil(label: string, expected: string | RegExp): Promise<SentMessage> {
    const before = this.seen();
    await this.press(label);
    return this.waitFor(before, expected);
  }

  private async waitFor(before: number, expected: string | RegExp): Promise<SentMessage> {
    const deadline = Date.now() + WAIT_MS;
    const matches = (m: SentMessage) => (typeof expected === 'string' ? m.text.includes(expected) : expected.test(m.text));
    for (;;) {
      const found = this.telegram.sentTo(this.chatId).slice(before).find(matches);
      if (found) return found;
      if (Date.now() > deadline) {
        const got = this.telegram.sentTo(this.chatId).slice(before).map((m) => m.text);
        throw new Error(`no answer containing ${String(expected)} within ${WAIT_MS} ms; got ${JSON.stringify(got)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends something the bot should not answer and checks that it stayed quiet. */
  async sendExpectingSilence(text: string, quietMs = 600): Promise<SentMessage[]> {
    const before = this.seen();
    this.telegram.pushUpdate(this.telegram.textFrom(this.user, text, this.groupId));
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    return this.telegram.sentTo(this.chatId).slice(before);
  }

  /** The latest answer's text. */
  get lastText(): string {
    return this.telegram.sentTo(this.chatId).at(-1)?.text ?? '';
  }

  private async answersAfter(before: number, edited: () => SentMessage | undefined = () => undefined): Promise<SentMessage[]> {
    const deadline = Date.now() + WAIT_MS;
    while (this.seen() === before) {
      const inPlace = edited();
      if (inPlace) return [inPlace];
      if (Date.now() > deadline) throw new Error(`the bot did not answer ${this.user.first_name ?? this.user.id} within ${WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Long answers come in several messages; let the rest arrive.
    let count = this.seen();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 80));
      if (this.seen() === count) break;
      count = this.seen();
    }
    return this.telegram.sentTo(this.chatId).slice(before);
  }
}
