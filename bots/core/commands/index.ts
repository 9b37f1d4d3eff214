import { helpReply } from '../help.js';
import type { ActionSpec, CommandSpec, FlowSpec } from '../command.js';
import { textReply } from '../reply.js';
import { announcementsCommand, langAction, langCommand, linkCommand, startCommand, timezoneCommand, tokenCommand, tourAction } from './account.commands.js';
import { bookSlotAction, cancelRsvpAction, eventsCommand, rsvpAction, showEventAction, slotsAction } from './events.commands.js';
import { askCategoryAction, askCommand, searchCommand, subscribeCommand, unsubscribeCommand } from './forum.commands.js';
import { channelAction, contactCommand, digestAction, engagementAction, expertCommand, profileCommand, quietCommand, settingsCommand } from './profile.commands.js';
import {
  announceCommand, announceFormCommand, flaggedCommand, moderateAction, newRequestCommand, progressAction, publishRequestAction,
  requestFormCommand, sendAnnouncementAction,
} from './staff.commands.js';
import { answerIntroAction, interestAction, introsCommand, matchesCommand, requestsCommand, showRequestAction } from './requests.commands.js';

const helpCommand: CommandSpec = {
  name: 'help',
  description: { vi: 'Danh sách lệnh', en: 'List the commands' },
  async run(ctx) {
    return helpReply(ctx, ctx.commands);
  },
};

const cancelCommand: CommandSpec = {
  name: 'cancel',
  description: { vi: 'Hủy thao tác đang làm', en: 'Cancel what you are doing' },
  // Any command clears the conversation in progress; this one only says so.
  async run(ctx) {
    return textReply(ctx.t('bot.cancelled'));
  },
};

/** Every command, in the order the help lists them. */
export const BOT_COMMANDS: readonly CommandSpec[] = [
  startCommand,
  helpCommand,
  expertCommand,
  profileCommand,
  contactCommand,
  requestsCommand,
  matchesCommand,
  introsCommand,
  eventsCommand,
  searchCommand,
  askCommand,
  subscribeCommand,
  unsubscribeCommand,
  linkCommand,
  tokenCommand,
  newRequestCommand,
  requestFormCommand,
  announceCommand,
  announceFormCommand,
  flaggedCommand,
  announcementsCommand,
  settingsCommand,
  quietCommand,
  langCommand,
  timezoneCommand,
  cancelCommand,
];

export const BOT_ACTIONS: readonly ActionSpec[] = [
  langAction,
  tourAction,
  showRequestAction,
  interestAction,
  answerIntroAction,
  showEventAction,
  rsvpAction,
  cancelRsvpAction,
  slotsAction,
  bookSlotAction,
  askCategoryAction,
  engagementAction,
  channelAction,
  digestAction,
  publishRequestAction,
  sendAnnouncementAction,
  progressAction,
  moderateAction,
];

/** Conversations beyond forms; none yet (forms cover the multi-step commands). */
export const BOT_FLOWS: readonly FlowSpec[] = [];
