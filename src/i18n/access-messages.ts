import type { Locale } from './messages.js';

/** API messages about roles, tokens, firm invitations and broadcasts' lifecycle. */
export const accessMessages = {
  'token.scope_not_held': {
    vi: 'Không thể cấp cho mã truy cập vai trò mà bạn không có: {roles}.',
    en: 'A token cannot be given roles you do not hold: {roles}.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
