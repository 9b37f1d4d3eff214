/**
 * The field messages of the zod schemas (merged into `messages`). Schemas carry these keys
 * instead of English sentences, so each request's answer can name the problem in the caller's
 * language; `describeIssue` turns a key back into a sentence.
 */
export const validationMessages = {
  'validation.object_id': { vi: 'phải là mã gồm 24 ký tự thập lục phân', en: 'must be a 24-character hexadecimal id' },
  'validation.user_id': { vi: 'phải là mã người dùng (24 ký tự thập lục phân)', en: 'must be a user id (24 hexadecimal characters)' },
  'validation.firm_id': { vi: 'phải là mã doanh nghiệp (24 ký tự thập lục phân)', en: 'must be a firm id (24 hexadecimal characters)' },
  'validation.bilingual_text': {
    vi: 'cần có nội dung tiếng Việt hoặc tiếng Anh (hoặc cả hai)',
    en: 'must have a Vietnamese or an English text (or both)',
  },
  'validation.bilingual_name': { vi: 'cần có tên tiếng Việt hoặc tiếng Anh (hoặc cả hai)', en: 'must have a Vietnamese or an English name (or both)' },
  'validation.range_min_max': { vi: 'mức tối thiểu không được lớn hơn mức tối đa', en: 'min must not exceed max' },
  'validation.amount_min_max': { vi: 'amountMin không được lớn hơn amountMax', en: 'amountMin must not exceed amountMax' },
  'validation.clock_time': { vi: 'phải là giờ theo dạng 24 giờ, ví dụ 22:00', en: 'must be a 24-hour time such as 22:00' },
  'validation.time_zone': {
    vi: 'phải là múi giờ IANA, ví dụ Asia/Ho_Chi_Minh hoặc Europe/Berlin',
    en: 'must be an IANA time zone such as Asia/Ho_Chi_Minh or Europe/Berlin',
  },
  'validation.phone': { vi: 'phải là số điện thoại', en: 'must be a phone number' },
  'validation.telegram_username': { vi: 'phải là tên người dùng Telegram (5–32 chữ cái, chữ số hoặc _)', en: 'must be a Telegram username (5–32 letters, digits or _)' },
  'validation.channels_unique': { vi: 'mỗi kênh chỉ được nêu một lần', en: 'must not repeat a channel' },
  'validation.flag_note_required': { vi: 'hãy ghi rõ vấn đề khi chọn lý do “khác”', en: 'say what is wrong when the reason is "other"' },
  'validation.slug': { vi: 'phải là các từ viết thường nối bằng dấu gạch ngang', en: 'must be lower-case words joined by dashes' },
  'validation.change_one_field': { vi: 'hãy thay đổi ít nhất một trường', en: 'change at least one field' },
  'validation.set_one_field': { vi: 'hãy đặt ít nhất một trường', en: 'set at least one field' },
  'validation.closes_after_opens': { vi: 'closesAt phải sau opensAt', en: 'closesAt must be after opensAt' },
  'validation.ends_after_starts': { vi: 'endsAt phải sau startsAt', en: 'endsAt must be after startsAt' },
  'validation.place_or_link': { vi: 'cần có địa điểm hoặc đường dẫn trực tuyến (hoặc cả hai)', en: 'needs a place or an online link (or both)' },
  'validation.contest_window': {
    vi: 'cuộc thi cần thời gian nộp bài (contest.opensAt/closesAt); loại sự kiện khác thì không có',
    en: 'contests need a submission window (contest.opensAt/closesAt); other kinds must not have one',
  },
  'validation.ranked_once': { vi: 'mỗi bài dự thi chỉ được xếp hạng một lần', en: 'a submission may be ranked once' },
  'validation.language_codes': { vi: 'phải là mã ngôn ngữ ISO 639-1, ví dụ vi, en, ja', en: 'must be ISO 639-1 codes such as vi, en, ja' },
  'validation.country_code': { vi: 'phải là mã quốc gia ISO 3166, ví dụ VN, DE, US', en: 'must be an ISO 3166 code such as VN, DE, US' },
  'validation.hours_differ': { vi: 'startHour và endHour phải khác nhau', en: 'startHour and endHour must differ' },
  'validation.tag_letters': { vi: 'phải có chữ cái hoặc chữ số', en: 'must contain letters or digits' },
  'validation.skills_required': { vi: 'cần ít nhất một kỹ năng', en: 'must name at least one skill' },
} as const;

/** A key of a schema's field message; `validationKey('validation.phone')` catches typos at compile time. */
export type ValidationMessageKey = keyof typeof validationMessages;

/** The catalogue key to write as a zod schema's message (a typed identity). */
export function validationKey(key: ValidationMessageKey): ValidationMessageKey {
  return key;
}
