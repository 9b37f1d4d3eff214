import { accessMessages } from './access-messages.js';
import { botMessages } from './bot-messages.js';
import { validationMessages } from './validation-messages.js';

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
  'dependency_unavailable': {
    vi: 'Thao tác này cần hàng đợi công việc (Redis), hiện không kết nối được; chưa có gì thay đổi. Hãy thử lại sau {retryAfterSeconds} giây.',
    en: 'This needs the job queue (Redis), which cannot be reached right now; nothing was changed. Try again in {retryAfterSeconds} seconds.',
  },
  'request.malformed': {
    vi: 'Yêu cầu không đọc được (đường dẫn, bảng mã hoặc nén không hợp lệ).',
    en: 'The request could not be read (bad path escape, charset or encoding).',
  },
  'request.invalid': {
    vi: 'Yêu cầu có trường không hợp lệ; xem details.issues.',
    en: 'The request has invalid fields; see details.issues.',
  },
  'text.not_visible': {
    vi: 'Nội dung chỉ gồm các ký tự không nhìn thấy được; hãy viết chữ có thể đọc.',
    en: 'The text has only invisible characters; write something readers can see.',
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
  'link.same_platform': {
    vi: 'Hai tài khoản này cùng ở {platformName}. Chỉ liên kết được các tài khoản trên những nền tảng khác nhau; mã vẫn dùng được.',
    en: 'Both accounts are on {platformName}. Only accounts on different platforms can be linked; the code still works.',
  },
  'link.merge_in_progress': {
    vi: 'Hai tài khoản đang được gộp; vui lòng thử lại sau một phút.',
    en: 'These accounts are being joined right now; please try again in a minute.',
  },
  'link.already_merged': {
    vi: 'Tài khoản này đã được gộp vào một tài khoản khác.',
    en: 'This account was already joined to another one.',
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
  'webhook.not_found': {
    vi: 'Không tìm thấy điểm nhận webhook này.',
    en: 'No such webhook endpoint.',
  },
  'webhook.url_refused': {
    vi: 'Địa chỉ này không thể nhận webhook (lý do ở details.reason). Hãy dùng một URL https công khai.',
    en: 'This URL cannot receive webhooks (details.reason says why). Use a public https URL.',
  },
  'webhook.too_many': {
    vi: 'Doanh nghiệp này đã có số điểm nhận webhook tối đa ({limit}).',
    en: 'This firm already has the most webhook endpoints it may have ({limit}).',
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
  'event.not_found': {
    vi: 'Không tìm thấy sự kiện.',
    en: 'Event not found.',
  },
  'event.not_organiser': {
    vi: 'Chỉ ban tổ chức của sự kiện này mới được làm việc này.',
    en: 'Only the organisers of this event may do this.',
  },
  'event.not_editable': {
    vi: 'Sự kiện đã hủy nên không thể sửa.',
    en: 'A cancelled event cannot be changed.',
  },
  'event.changed': {
    vi: 'Sự kiện vừa thay đổi, hoặc số người tham dự đã vượt sức chứa mới; hãy thử lại.',
    en: 'The event changed meanwhile, or more people are going than the new capacity.',
  },
  'event.ends_before_start': {
    vi: 'Sự kiện phải kết thúc sau khi bắt đầu.',
    en: 'The event must end after it starts.',
  },
  'event.needs_place': {
    vi: 'Sự kiện cần có địa điểm hoặc đường dẫn trực tuyến.',
    en: 'An event needs a place or an online link.',
  },
  'event.bad_window': {
    vi: 'Hạn nộp bài phải sau thời điểm mở.',
    en: 'The submission window must close after it opens.',
  },
  'event.in_past': {
    vi: 'Không thể công bố sự kiện đã bắt đầu.',
    en: 'An event that already started cannot be published.',
  },
  'event.illegal_transition': {
    vi: 'Không thể chuyển sự kiện từ trạng thái {from} sang {to}.',
    en: 'An event cannot go from {from} to {to}.',
  },
  'event.not_recurring': {
    vi: 'Chỉ hội chợ và triển lãm mới lặp lại hằng năm.',
    en: 'Only fairs and exhibitions recur yearly.',
  },
  'event.organiser_unknown': {
    vi: 'Mọi người trong ban tổ chức phải là người dùng.',
    en: 'Every organiser must be a user.',
  },
  'event.not_published': {
    vi: 'Sự kiện này chưa mở hoặc đã bị hủy.',
    en: 'This event is not open, or was cancelled.',
  },
  'event.over': {
    vi: 'Sự kiện này đã kết thúc.',
    en: 'This event is over.',
  },
  'event.not_fair': {
    vi: 'Chỉ hội chợ và triển lãm mới có đơn vị trưng bày.',
    en: 'Only fairs and exhibitions have exhibitors.',
  },
  'event.not_contest': {
    vi: 'Sự kiện này không phải là cuộc thi.',
    en: 'This event is not a contest.',
  },
  'rsvp.busy': {
    vi: 'Đăng ký của bạn đang được xử lý; hãy thử lại.',
    en: 'Your RSVP is still being processed; try again.',
  },
  'rsvp.not_found': {
    vi: 'Bạn chưa đăng ký tham dự sự kiện này.',
    en: 'You have not RSVPed to this event.',
  },
  'rsvp.event_started': {
    vi: 'Sự kiện đã bắt đầu nên không thể rút đăng ký tham dự nữa.',
    en: 'The event has started; RSVPs can no longer be withdrawn.',
  },
  'exhibitor.not_found': {
    vi: 'Không tìm thấy đơn vị trưng bày.',
    en: 'Exhibitor not found.',
  },
  'exhibitor.not_approved': {
    vi: 'Chỉ đơn vị trưng bày đã được duyệt mới mở được lịch gặp.',
    en: 'Only approved exhibitors can offer meeting slots.',
  },
  'slot.not_found': {
    vi: 'Không tìm thấy lịch gặp.',
    en: 'Meeting slot not found.',
  },
  'slot.not_booked': {
    vi: 'Lịch gặp này chưa có ai đặt.',
    en: 'This slot is not booked.',
  },
  'slot.taken': {
    vi: 'Người khác đã đặt lịch gặp này.',
    en: 'Someone else booked this slot.',
  },
  'slot.overlap': {
    vi: 'Bạn đã có một lịch gặp khác vào giờ đó.',
    en: 'You already hold a meeting slot at that time.',
  },
  'slot.outside_event': {
    vi: 'Lịch gặp phải nằm trong thời gian hội chợ.',
    en: 'A slot must lie within the fair.',
  },
  'slot.experts_only': {
    vi: 'Chỉ chuyên gia mới đặt được lịch gặp.',
    en: 'Only experts can book meeting slots.',
  },
  'slot.changed': {
    vi: 'Lịch đặt vừa thay đổi; hãy xem lại.',
    en: 'The booking changed meanwhile; look again.',
  },
  'contest.closed': {
    vi: 'Chỉ nhận bài trong thời gian cuộc thi mở.',
    en: 'Submissions are accepted only while the contest is open.',
  },
  'contest.still_open': {
    vi: 'Chỉ công bố kết quả sau khi hết hạn nộp bài.',
    en: 'Results can be published after submissions close.',
  },
  'contest.unknown_submission': {
    vi: 'Mỗi mã trong bảng xếp hạng phải là một bài dự thi của cuộc thi này.',
    en: 'Every ranked id must be a submission to this contest.',
  },
  'contest.no_results': {
    vi: 'Kết quả chưa được công bố.',
    en: 'The results are not published yet.',
  },
  'calendar.no_feed': {
    vi: 'Bạn chưa có lịch cá nhân; hãy tạo trước.',
    en: 'You have no calendar feed yet; create one first.',
  },
  'calendar.not_found': {
    vi: 'Đường dẫn lịch này không tồn tại hoặc đã được thay.',
    en: 'This calendar link is unknown or was replaced.',
  },
  'match.must': {
    vi: 'Có {matched}/{total} kỹ năng bắt buộc ({list})',
    en: 'Has {matched} of {total} must-have skills ({list})',
  },
  'match.missing': {
    vi: 'thiếu {list}',
    en: 'missing {list}',
  },
  'match.nice': {
    vi: 'thêm {list}',
    en: 'also {list}',
  },
  'match.engagement': {
    vi: 'nhận {type}',
    en: 'offers {type}',
  },
  'match.no_engagement': {
    vi: 'chưa nhận hình thức {type}',
    en: 'does not offer {type}',
  },
  'match.languages': {
    vi: 'nói tiếng {list}',
    en: 'speaks {list}',
  },
  'match.overlap': {
    vi: 'trùng {hours} giờ làm việc',
    en: '{hours} h of shared working time',
  },
  'match.availability.limited': {
    vi: 'thời gian có hạn',
    en: 'limited availability',
  },
  'match.availability.unavailable': {
    vi: 'hiện chưa nhận việc',
    en: 'currently unavailable',
  },
  'engagement.remote_consulting': { vi: 'tư vấn từ xa', en: 'remote consulting' },
  'engagement.mentoring': { vi: 'cố vấn', en: 'mentoring' },
  'engagement.short_visit': { vi: 'chuyến công tác ngắn', en: 'a short visit' },
  'engagement.long_term_placement': { vi: 'làm việc dài hạn', en: 'a long-term placement' },
  'engagement.investment': { vi: 'đầu tư', en: 'investment' },
  'engagement.partnership': { vi: 'hợp tác', en: 'partnership' },
  'forum.category_not_found': {
    vi: 'Không tìm thấy chuyên mục diễn đàn.',
    en: 'Forum category not found.',
  },
  'forum.slug_taken': {
    vi: 'Đã có chuyên mục khác dùng đường dẫn (slug) này.',
    en: 'Another category already uses this slug.',
  },
  'forum.thread_not_found': {
    vi: 'Không tìm thấy chủ đề.',
    en: 'Thread not found.',
  },
  'forum.post_not_found': {
    vi: 'Không tìm thấy bài trả lời.',
    en: 'Reply not found.',
  },
  'forum.thread_locked': {
    vi: 'Chủ đề đã bị khóa; không thể trả lời thêm.',
    en: 'This thread is locked; no new replies.',
  },
  'forum.deleted': {
    vi: 'Nội dung này đã bị xóa nên không thể thay đổi.',
    en: 'This content was deleted and cannot be changed.',
  },
  'forum.not_author': {
    vi: 'Chỉ tác giả hoặc người điều hành mới được làm việc này.',
    en: 'Only the author or a moderator may do this.',
  },
  'forum.new_user_thread_limit': {
    vi: 'Tài khoản mới (dưới {newUserDays} ngày) chỉ được mở {limit} chủ đề mỗi 24 giờ. Vui lòng thử lại sau {retryAfterSeconds} giây.',
    en: 'New accounts (under {newUserDays} days old) may start {limit} threads per 24 hours. Please try again in {retryAfterSeconds} seconds.',
  },
  'forum.new_user_reply_limit': {
    vi: 'Tài khoản mới (dưới {newUserDays} ngày) chỉ được trả lời {limit} lần mỗi giờ. Vui lòng thử lại sau {retryAfterSeconds} giây.',
    en: 'New accounts (under {newUserDays} days old) may post {limit} replies per hour. Please try again in {retryAfterSeconds} seconds.',
  },
  'moderation.own_content': {
    vi: 'Bạn không thể báo cáo nội dung do chính mình viết.',
    en: 'You cannot flag what you wrote yourself.',
  },
  'moderation.already_flagged': {
    vi: 'Bạn đã báo cáo nội dung này rồi; cảm ơn bạn, điều hành viên sẽ xem xét.',
    en: 'You have already flagged this; thank you, a moderator will look at it.',
  },
  'moderation.no_open_flags': {
    vi: 'Không còn báo cáo nào đang chờ cho nội dung này; có thể một điều hành viên khác đã xử lý.',
    en: 'There are no open flags on this; another moderator may have decided it already.',
  },
  'moderation.busy': {
    vi: 'Có quá nhiều người báo cáo nội dung này cùng lúc; vui lòng thử lại.',
    en: 'Too many people are flagging this at once; please try again.',
  },
  'moderation.ban_end_past': {
    vi: 'Thời điểm kết thúc lệnh cấm phải ở tương lai.',
    en: 'A ban must end in the future.',
  },
  'moderation.not_banned': {
    vi: 'Người dùng này không bị cấm.',
    en: 'This user is not banned.',
  },
  'moderation.not_yourself': {
    vi: 'Bạn không thể tự cấm hoặc bỏ cấm chính mình.',
    en: 'You cannot ban or unban yourself.',
  },
  'moderation.staff_ban': {
    vi: 'Chỉ quản trị viên mới được cấm hoặc bỏ cấm điều hành viên hay quản trị viên.',
    en: 'Only an admin can ban or unban a moderator or an admin.',
  },
  'forum.edit_window_closed': {
    vi: 'Đã quá {minutes} phút kể từ khi đăng; bạn không thể sửa nữa.',
    en: 'More than {minutes} minutes have passed since posting; it can no longer be edited.',
  },
  'forum.edit_conflict': {
    vi: 'Người khác vừa sửa nội dung này; hãy tải lại rồi thử lại.',
    en: 'Someone else changed this meanwhile; reload and try again.',
  },
  'forum.deleted_placeholder': {
    vi: '[Nội dung đã bị xóa]',
    en: '[This content was deleted]',
  },
  'project.not_found': { vi: 'Không tìm thấy dự án.', en: 'Project not found.' },
  'project.programme_only': {
    vi: 'Chỉ ban tổ chức mới thêm được dự án của chương trình; hãy chọn doanh nghiệp của bạn.',
    en: 'Only organisers may add projects of the programme; name your firm.',
  },
  'project.not_owner': { vi: 'Chỉ chủ dự án mới được làm việc này.', en: 'Only the project’s owner may do this.' },
  'project.not_editable': { vi: 'Dự án đã đóng nên không thể sửa.', en: 'A closed project cannot be changed.' },
  'project.illegal_transition': { vi: 'Không thể chuyển dự án sang trạng thái này.', en: 'The project cannot move to that status.' },
  'project.not_published': { vi: 'Dự án này đã đóng.', en: 'This project is closed.' },
  'interest.not_found': { vi: 'Không tìm thấy lời quan tâm.', en: 'Interest not found.' },
  'interest.exists': { vi: 'Bạn đã bày tỏ quan tâm đến dự án này.', en: 'You already expressed interest in this project.' },
  'interest.own_project': { vi: 'Bạn không thể quan tâm đến dự án của chính mình.', en: 'You cannot express interest in your own project.' },
  'interest.not_your_turn': { vi: 'Chỉ chủ dự án mới trả lời lời quan tâm này.', en: 'Only the project’s owner answers this interest.' },
  'interest.not_requester': { vi: 'Chỉ người gửi mới rút lại được.', en: 'Only the person who asked can withdraw.' },
  'interest.illegal_transition': { vi: 'Lời quan tâm này đã được xử lý hoặc đã hết hạn.', en: 'This interest was already answered or has expired.' },
  'product.not_found': { vi: 'Không tìm thấy sản phẩm.', en: 'Product not found.' },
  'product.not_vendor': {
    vi: 'Chỉ thành viên doanh nghiệp cung cấp và ban tổ chức mới được làm việc này.',
    en: 'Only the vendor firm’s members and organisers may do this.',
  },
  'product.licence_not_spdx': {
    vi: 'Phần mềm nguồn mở cần mã giấy phép SPDX, ví dụ MIT hoặc Apache-2.0.',
    en: 'Open-source products need an SPDX licence id such as MIT or Apache-2.0.',
  },
  'product.repository_required': { vi: 'Phần mềm nguồn mở cần địa chỉ kho mã nguồn.', en: 'Open-source products need a repository URL.' },
  'product.link_required': { vi: 'Hãy cho địa chỉ kho mã nguồn hoặc trang web.', en: 'Give a repository URL or a website.' },
  'attendance.too_early': { vi: 'Chỉ điểm danh được khi sự kiện đã bắt đầu.', en: 'Attendance can be marked once the event has started.' },
  'report.bad_period': { vi: 'Kỳ báo cáo phải là năm 2000–2100 và tháng 1–12 (nếu có).', en: 'The period must be a year from 2000 to 2100 and an optional month 1-12.' },
  'report.column_period': { vi: 'Kỳ', en: 'Period' },
  'report.column_metric': { vi: 'Chỉ số', en: 'Metric' },
  'report.column_breakdown': { vi: 'Phân loại', en: 'Breakdown' },
  'report.column_value': { vi: 'Giá trị', en: 'Value' },
  'report.breakdown_total': { vi: 'Tổng', en: 'Total' },
  'report.time_zone': { vi: 'Múi giờ', en: 'Time zone' },
  'report.experts_new': { vi: 'Chuyên gia mới', en: 'New experts' },
  'report.experts_by_country': { vi: 'Chuyên gia mới theo quốc gia', en: 'New experts by country' },
  'report.experts_by_skill': { vi: 'Chuyên gia mới theo kỹ năng', en: 'New experts by skill' },
  'report.firms_new': { vi: 'Doanh nghiệp mới', en: 'New firms' },
  'report.firms_verified': { vi: 'Doanh nghiệp được xác minh', en: 'Firms verified' },
  'report.requests_published': { vi: 'Yêu cầu hợp tác đã đăng', en: 'Requests published' },
  'report.requests_by_engagement': { vi: 'Yêu cầu theo hình thức hợp tác', en: 'Requests by engagement type' },
  'report.requests_by_skill': { vi: 'Yêu cầu theo kỹ năng bắt buộc', en: 'Requests by required skill' },
  'report.introductions_requested': { vi: 'Đề nghị kết nối', en: 'Introductions requested' },
  'report.introductions_accepted': { vi: 'Kết nối được chấp nhận', en: 'Introductions accepted' },
  'report.introductions_acceptance_rate': { vi: 'Tỷ lệ chấp nhận kết nối', en: 'Introduction acceptance rate' },
  'report.events_held': { vi: 'Sự kiện đã tổ chức', en: 'Events held' },
  'report.events_by_kind': { vi: 'Sự kiện theo loại', en: 'Events by kind' },
  'report.rsvps_going': { vi: 'Lượt đăng ký tham dự', en: 'RSVPs (seats taken)' },
  'report.rsvps_attended': { vi: 'Lượt có mặt', en: 'Attended' },
  'report.events_with_attendance': { vi: 'Sự kiện đã điểm danh', en: 'Events with attendance recorded' },
  'report.attendance_rate': { vi: 'Tỷ lệ có mặt', en: 'Attendance rate' },
  'report.fair_meetings_booked': { vi: 'Cuộc gặp tại hội chợ đã đặt', en: 'Fair meetings booked' },
  'attendees.column_user_id': { vi: 'Mã người dùng', en: 'User ID' },
  'attendees.column_name': { vi: 'Họ tên', en: 'Name' },
  'attendees.column_status': { vi: 'Trạng thái', en: 'Status' },
  'attendees.column_position': { vi: 'Vị trí chờ', en: 'Waitlist position' },
  'attendees.column_rsvp_at': { vi: 'Thời điểm đăng ký', en: 'RSVPed at' },
  'attendees.column_attended_at': { vi: 'Thời điểm điểm danh', en: 'Attended at' },
  'attendees.column_cancelled_at': { vi: 'Thời điểm rút đăng ký', en: 'Withdrawn at' },
  'attendees.status_pending': { vi: 'Đang xử lý', en: 'Pending' },
  'attendees.status_going': { vi: 'Tham dự', en: 'Going' },
  'attendees.status_waitlisted': { vi: 'Danh sách chờ', en: 'Waitlisted' },
  'attendees.status_cancelled': { vi: 'Đã rút đăng ký', en: 'Cancelled' },
  'attendees.status_attended': { vi: 'Có mặt', en: 'Attended' },
  'attendees.status_absent': { vi: 'Vắng mặt', en: 'Absent' },
  'report.fair_meetings_by_firm': { vi: 'Cuộc gặp tại hội chợ theo doanh nghiệp', en: 'Fair meetings by exhibitor' },
  'broadcast.not_found': { vi: 'Không tìm thấy thông báo này.', en: 'No such broadcast.' },
  'broadcast.not_cancellable': {
    vi: 'Chỉ huỷ được thông báo đang chờ hoặc đang gửi; thông báo này đã gửi xong hoặc đã bị huỷ.',
    en: 'Only a broadcast that is scheduled or still sending can be cancelled; this one has finished or was cancelled.',
  },
  'broadcast.bad_send_time': {
    vi: 'Hãy gửi ngay hoặc hẹn giờ trong vòng một năm tới.',
    en: 'Send it now or at a time within the next year.',
  },
  'broadcast.link_not_found': {
    vi: 'Sự kiện hoặc yêu cầu được liên kết không tồn tại hoặc chưa được công bố.',
    en: 'The linked event or request does not exist or is not published.',
  },
  'notice.request.published': { vi: 'Yêu cầu hợp tác mới phù hợp với bạn: {title}', en: 'A new collaboration request that fits you: {title}' },
  'notice.request.closed': { vi: 'Yêu cầu đã đóng: {title}', en: 'Request closed: {title}' },
  'notice.request.closed_deadline': { vi: 'Yêu cầu đã hết hạn và được đóng: {title}', en: 'Request closed at its deadline: {title}' },
  'notice.request.filled': { vi: 'Yêu cầu đã tìm được người: {title}', en: 'Request filled: {title}' },
  'notice.introduction.requested': { vi: 'Có người muốn được giới thiệu về yêu cầu: {title}', en: 'Someone asks to be introduced about: {title}' },
  'notice.introduction.accepted': { vi: 'Lời giới thiệu đã được chấp nhận — xem thông tin liên hệ: {title}', en: 'Introduction accepted — see the contacts: {title}' },
  'notice.introduction.declined': { vi: 'Lời giới thiệu đã bị từ chối: {title}', en: 'Introduction declined: {title}' },
  'notice.introduction.withdrawn': { vi: 'Lời giới thiệu đã được rút lại: {title}', en: 'Introduction withdrawn: {title}' },
  'notice.introduction.expired': { vi: 'Lời giới thiệu đã hết hạn sau 14 ngày: {title}', en: 'Introduction expired after 14 days: {title}' },
  'notice.event.published': { vi: 'Sự kiện mới: {title} — {when}', en: 'New event: {title} — {when}' },
  'notice.event.rescheduled': { vi: 'Sự kiện đổi giờ: {title} — nay là {when}', en: 'Event moved: {title} — now {when}' },
  'notice.event.cancelled': { vi: 'Sự kiện bị huỷ: {title}', en: 'Event cancelled: {title}' },
  'notice.event.rsvp_promoted': { vi: 'Bạn đã có chỗ (từ danh sách chờ): {title} — {when}', en: 'You have a seat now (from the waitlist): {title} — {when}' },
  'notice.event.reminder': { vi: 'Nhắc lịch: {title} — {when}', en: 'Reminder: {title} — {when}' },
  'notice.event.edition_drafted': { vi: 'Đã tạo bản nháp kỳ tiếp theo, mời xem và công bố: {title} — {when}', en: 'Next edition drafted, please review and publish: {title} — {when}' },
  'notice.forum.thread_created': { vi: 'Chủ đề mới trên diễn đàn: {title}', en: 'New forum thread: {title}' },
  'notice.forum.reply_created': { vi: 'Trả lời mới trong chủ đề: {title}', en: 'New reply in: {title}' },
  'notice.broadcast.sent': { vi: 'Thông báo từ ban tổ chức', en: 'A message from the organisers' },
  'notice.digest.weekly': {
    vi: 'Bản tin tuần: {requests} yêu cầu mới phù hợp, {events} sự kiện sắp tới, {threads} chủ đề bạn theo dõi có hoạt động',
    en: 'Your week: {requests} new matching requests, {events} upcoming events, {threads} followed threads with activity',
  },
  'notice.report.monthly': {
    vi: 'Số liệu tháng {period}: {experts} chuyên gia mới, {firms} doanh nghiệp mới, {requests} yêu cầu, {accepted}/{introductions} kết nối được chấp nhận, {events} sự kiện',
    en: 'Figures for {period}: {experts} new experts, {firms} new firms, {requests} requests, {accepted}/{introductions} introductions accepted, {events} events',
  },
  'notice.open_link': { vi: 'Xem chi tiết', en: 'Details' },
  'delivery.not_found': { vi: 'Không tìm thấy lượt gửi này.', en: 'No such delivery.' },
  'delivery.not_retryable': { vi: 'Chỉ gửi lại được lượt gửi đã hỏng hoặc thất bại.', en: 'Only a dead or failed delivery can be sent again.' },
  'internal': {
    vi: 'Đã có lỗi ngoài dự kiến. Chúng tôi đã ghi lại và sẽ xử lý.',
    en: 'Something unexpected went wrong. It has been logged and will be looked at.',
  },
  'space.not_admin': {
    vi: 'Chỉ quản trị viên của nhóm hoặc máy chủ mới chọn được kênh thông báo.',
    en: 'Only the group’s or server’s admins may choose where announcements go.',
  },
  ...accessMessages,
  ...botMessages,
  ...validationMessages,
} as const satisfies Record<string, Record<Locale, string>>;

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof messages;
export const LOCALES: readonly Locale[] = ['vi', 'en'];
