import { once } from 'node:events';
import {
  ActionRowBuilder, ButtonBuilder, ButtonStyle, Client, DiscordAPIError, Events, GatewayIntentBits,
  InteractionResponseType, MessageFlags, Routes, type Interaction,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord, type FakeDiscordOptions } from '../../support/fake-discord/index.js';

const lan = { id: '310000000000000001', username: 'lan', locale: 'vi' };

describe('fake Discord with a real discord.js Client', () => {
  let fake: FakeDiscord;
  let client: Client;
  /** Errors thrown inside interaction handlers, so a failing handler fails the test. */
  let handlerErrors: unknown[];

  async function connect(options: FakeDiscordOptions = {}, onInteraction?: (i: Interaction) => Promise<unknown>) {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000, ...options });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
    handlerErrors = [];
    if (onInteraction) {
      client.on(Events.InteractionCreate, (i) => void onInteraction(i).catch((e: unknown) => handlerErrors.push(e)));
    }
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(fake.token);
    await ready;
  }

  beforeEach(() => {
    handlerErrors = [];
  });
  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  it('logs in over the fake gateway and caches the configured guild', async () => {
    await connect();
    expect(client.user?.id).toBe(fake.applicationId);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(client.guilds.cache.get(fake.guilds[0]?.id ?? '')?.channels.cache.get(fake.defaultChannelId)?.name).toBe('general');
    expect(fake.gatewayStats.identifies).toBe(1);
  });

  it('delivers a slash command and records the reply; a second acknowledgement gets 40060', async () => {
    let secondReply: unknown;
    await connect({}, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: `Tìm chuyên gia: ${i.options.getString('skill')} (${i.locale})`, flags: MessageFlags.Ephemeral });
      // discord.js refuses a second reply locally, so go around it as a second bot process would.
      const again = { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'again' } };
      secondReply = await client.rest
        .post(Routes.interactionCallback(i.id, i.token), { body: again, auth: false })
        .catch((e: unknown) => e);
    });
    const record = fake.slashCommand(lan, 'experts', { skill: 'rust' });
    const response = await record.responded;
    expect(response).toMatchObject({ type: 4, data: { content: 'Tìm chuyên gia: rust (vi)', flags: 64 } });
    await expect.poll(() => record.refused).toEqual([{ type: 4, code: 40060 }]);
    expect(secondReply).toBeInstanceOf(DiscordAPIError);
    expect(fake.messagesIn(fake.defaultChannelId).map((m) => m.content)).toEqual(['Tìm chuyên gia: rust (vi)']);
  });

  it('answers 10062 when the bot acknowledges after the window', async () => {
    let late: unknown;
    await connect({ ackWindowMs: 50 }, async (i) => {
      await new Promise((r) => setTimeout(r, 120));
      if (i.isChatInputCommand()) late = await i.reply('too late').catch((e: unknown) => e);
    });
    const record = fake.slashCommand(lan, 'slow');
    await expect.poll(() => record.refused).toEqual([{ type: 4, code: 10062 }]);
    expect((late as DiscordAPIError).code).toBe(10062);
  });

  it('lets a deferred reply be completed with editReply and sends follow-ups', async () => {
    await connect({}, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply('Có 3 sự kiện');
      await i.followUp('Xem thêm: /events page:2');
    });
    const record = fake.slashCommand(lan, 'events', {}, { place: { dm: true } });
    expect((await record.responded).type).toBe(5);
    await expect.poll(() => record.followups.length).toBe(1);
    expect(record.original).toMatchObject({ content: 'Có 3 sự kiện', flags: 0 });
    expect(fake.messages.every((m) => m.channel_id === record.original?.channel_id)).toBe(true);
    expect(handlerErrors).toEqual([]);
  });

  it('routes a button click on a bot message and records the update', async () => {
    await connect({}, async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('rsvp:42').setLabel('Tham gia').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'Hội chợ CNTT 2025', components: [row] });
      } else if (i.isButton()) {
        await i.update({ content: `Đã đăng ký (${i.customId})`, components: [] });
      }
    });
    await fake.slashCommand(lan, 'fair').responded;
    const click = fake.clickButton(lan, 'rsvp:42');
    expect(await click.responded).toMatchObject({ type: 7 });
    expect(fake.messages.map((m) => m.content)).toEqual(['Đã đăng ký (rsvp:42)']);
  });

  it('delivers select menus, modal submits and autocomplete with their data', async () => {
    await connect({}, async (i) => {
      if (i.isStringSelectMenu()) await i.reply(`chọn ${i.values.join(',')}`);
      if (i.isModalSubmit()) await i.reply(`bio=${i.fields.getTextInputValue('bio')}`);
      if (i.isAutocomplete()) {
        const typed = i.options.getFocused();
        await i.respond([{ name: `${typed}script`, value: `${typed}script` }]);
      }
    });
    expect((await fake.selectMenu(lan, 'lang', ['vi', 'en']).responded).data?.content).toBe('chọn vi,en');
    expect((await fake.submitModal(lan, 'profile', { bio: 'Kỹ sư ở Berlin' }).responded).data?.content).toBe('bio=Kỹ sư ở Berlin');
    const auto = await fake.autocomplete(lan, 'experts', { name: 'skill', value: 'type' }).responded;
    expect(auto).toMatchObject({ type: 8, data: { choices: [{ name: 'typescript', value: 'typescript' }] } });
  });

  it('resumes the session after an op 7 reconnect and keeps delivering interactions', async () => {
    await connect({}, async (i) => {
      if (i.isChatInputCommand()) await i.reply('pong');
    });
    const resumed = new Promise((resolve) => client.once(Events.ShardResume, resolve));
    fake.requestReconnect();
    await resumed;
    expect(fake.gatewayStats).toMatchObject({ identifies: 1, resumes: 1 });
    await fake.waitForGateway();
    expect((await fake.slashCommand(lan, 'ping').responded).data?.content).toBe('pong');
  });

  it('closes the gateway socket with 4004 when IDENTIFY carries a wrong token', async () => {
    await connect();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    socket.on('message', () => socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } })));
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4004);
  });

  it('refuses to log in with a wrong token', async () => {
    fake = await FakeDiscord.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
    await expect(client.login('not-the-token')).rejects.toThrow(/invalid token/i);
  });
});
