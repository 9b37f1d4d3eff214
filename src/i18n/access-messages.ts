import type { Locale } from './messages.js';

/** API messages about roles, tokens, firm invitations and broadcasts' lifecycle. */
export const accessMessages = {
  'token.scope_not_held': {
    vi: 'Không thể cấp cho mã truy cập vai trò mà bạn không có: {roles}.',
    en: 'A token cannot be given roles you do not hold: {roles}.',
  },
  'user.last_admin': {
    vi: 'Không thể gỡ quản trị viên cuối cùng; hãy cấp quyền quản trị cho người khác trước.',
    en: 'The last admin cannot be removed; make someone else an admin first.',
  },
  'user.roles_busy': {
    vi: 'Vai trò đang được người khác thay đổi; vui lòng thử lại.',
    en: 'Roles are being changed by someone else; please try again.',
  },
  'user.roles_changed': {
    vi: 'Vai trò của người này vừa được thay đổi; hãy tải lại rồi thử lại.',
    en: 'This person’s roles changed meanwhile; reload them and try again.',
  },
  'firm.already_member': {
    vi: 'Người này đã là thành viên của doanh nghiệp.',
    en: 'This person is already a member of the firm.',
  },
  'firm.invitation_not_found': {
    vi: 'Không có lời mời này (có thể đã được trả lời hoặc đã bị rút lại).',
    en: 'There is no such invitation (it may have been answered or withdrawn).',
  },
} as const satisfies Record<string, Record<Locale, string>>;
