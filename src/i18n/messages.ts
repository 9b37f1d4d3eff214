/**
 * The one message catalogue, used by API errors and by both bots.
 * Every key has a Vietnamese and an English text; {name} placeholders are filled by translate().
 */
export const messages = {
  'route.not_found': {
    vi: 'Không tìm thấy đường dẫn {method} {path}.',
    en: 'There is no route {method} {path}.',
  },
  'request.invalid_json': {
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  'request.too_large': {
    vi: 'Nội dung yêu cầu quá lớn (tối đa {limit}).',
    en: 'The request body is too large (at most {limit}).',
  },
  'service.not_ready': {
    vi: 'Dịch vụ chưa sẵn sàng: {failed} không phản hồi.',
    en: 'The service is not ready: {failed} did not answer.',
  },
  'request.malformed': {
    vi: 'Yêu cầu không đọc được (đường dẫn, bảng mã hoặc nén không hợp lệ).',
    en: 'The request could not be read (bad path escape, charset or encoding).',
  },
  'request.invalid': {
    vi: 'Yêu cầu có trường không hợp lệ; xem details.issues.',
    en: 'The request has invalid fields; see details.issues.',
  },
  'request.operator_keys': {
    vi: 'Không được dùng khóa bắt đầu bằng $ trong nội dung yêu cầu.',
    en: 'Keys starting with $ are not allowed in the request body.',
  },
  'rate_limited': {
    vi: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many requests. Please try again in {seconds} seconds.',
  },
  'auth.required': {
    vi: 'Cần đăng nhập: gửi kèm mã truy cập (Authorization: Bearer …).',
    en: 'Sign-in required: send an API token (Authorization: Bearer …).',
  },
  'auth.invalid_token': {
    vi: 'Mã truy cập không hợp lệ hoặc đã bị thu hồi.',
    en: 'The API token is not valid or has been revoked.',
  },
  'auth.forbidden': {
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này.',
    en: 'Your roles do not allow this action.',
  },
  'user.banned': {
    vi: 'Tài khoản này đã bị khóa.',
    en: 'This account has been banned.',
  },
  'user.not_found': {
    vi: 'Không tìm thấy người dùng.',
    en: 'User not found.',
  },
  'token.not_found': {
    vi: 'Không tìm thấy mã truy cập này.',
    en: 'No such API token.',
  },
  'link.code_invalid': {
    vi: 'Mã liên kết không đúng, đã dùng hoặc đã hết hạn. Hãy tạo mã mới.',
    en: 'This link code is unknown, used or expired. Please create a new one.',
  },
  'link.same_user': {
    vi: 'Mã này là của chính bạn; hãy nhập nó từ tài khoản khác.',
    en: 'This code is your own; enter it from your other account.',
  },
  'expert.not_found': {
    vi: 'Không tìm thấy hồ sơ chuyên gia.',
    en: 'Expert profile not found.',
  },
  'pagination.bad_cursor': {
    vi: 'Con trỏ phân trang không hợp lệ; hãy tải lại từ trang đầu.',
    en: 'The page cursor is not valid; start again from the first page.',
  },
  'firm.not_found': {
    vi: 'Không tìm thấy doanh nghiệp.',
    en: 'Firm not found.',
  },
  'firm.not_member': {
    vi: 'Chỉ thành viên của doanh nghiệp này mới được làm việc này.',
    en: 'Only members of this firm may do this.',
  },
  'firm.owner_only': {
    vi: 'Chỉ chủ sở hữu doanh nghiệp mới được làm việc này.',
    en: 'Only an owner of this firm may do this.',
  },
  'firm.member_not_found': {
    vi: 'Người này không phải thành viên của doanh nghiệp.',
    en: 'That person is not a member of this firm.',
  },
  'firm.last_owner': {
    vi: 'Doanh nghiệp cần ít nhất một chủ sở hữu.',
    en: 'A firm needs at least one owner.',
  },
  'firm.unverified': {
    vi: 'Doanh nghiệp của bạn cần được xác minh trước khi đăng yêu cầu.',
    en: 'Your firm must be verified before it can publish requests.',
  },
  'request.not_found': {
    vi: 'Không tìm thấy yêu cầu hợp tác.',
    en: 'Collaboration request not found.',
  },
  'request.not_editable': {
    vi: 'Yêu cầu đã đóng hoặc đã tìm được người nên không thể sửa.',
    en: 'Closed or filled requests cannot be changed.',
  },
  'request.illegal_transition': {
    vi: 'Không thể chuyển yêu cầu từ trạng thái {from} sang {to}.',
    en: 'A request cannot go from {from} to {to}.',
  },
  'request.deadline_past': {
    vi: 'Hạn chót phải ở trong tương lai.',
    en: 'The deadline must be in the future.',
  },
  'request.not_open': {
    vi: 'Yêu cầu này không còn mở.',
    en: 'This request is no longer open.',
  },
  'introduction.not_found': {
    vi: 'Không tìm thấy lời giới thiệu.',
    en: 'Introduction not found.',
  },
  'introduction.needs_profile': {
    vi: 'Hãy tạo hồ sơ chuyên gia trước khi bày tỏ quan tâm.',
    en: 'Create your expert profile before expressing interest.',
  },
  'introduction.own_firm': {
    vi: 'Bạn không thể ứng tuyển vào yêu cầu của chính doanh nghiệp mình.',
    en: 'You cannot apply to your own firm’s request.',
  },
  'introduction.exists': {
    vi: 'Đã có lời giới thiệu giữa chuyên gia này và yêu cầu này.',
    en: 'There is already an introduction for this expert and request.',
  },
  'introduction.not_your_turn': {
    vi: 'Bên còn lại cần trả lời lời giới thiệu này.',
    en: 'The other side must answer this introduction.',
  },
  'introduction.not_initiator': {
    vi: 'Chỉ bên đã gửi mới có thể rút lại.',
    en: 'Only the side that asked can withdraw.',
  },
  'introduction.illegal_transition': {
    vi: 'Lời giới thiệu này đã ở trạng thái {from}.',
    en: 'This introduction is already {from}.',
  },
  'internal': {
    vi: 'Đã có lỗi ngoài dự kiến. Chúng tôi đã ghi lại và sẽ xử lý.',
    en: 'Something unexpected went wrong. It has been logged and will be looked at.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof messages;
export const LOCALES: readonly Locale[] = ['vi', 'en'];
